using System.Net.Sockets;
using System.Text.RegularExpressions;
using Renci.SshNet;
using Renci.SshNet.Common;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Transports.SshNet;

/// <summary>
/// The one place where SSH.NET and socket exceptions are classified. The messages themselves live in
/// <see cref="Failures"/>, shared with the OpenSSH transport, so an agent reads the same words whichever runs.
/// </summary>
internal static partial class SshNetErrors
{
    /// <param name="refusal">What the local side can add when the server refused every method (see <see cref="CredentialSet.ExplainRefusal"/>).</param>
    public static SshFailureException TranslateConnect(Exception exception, OpenRequest request, IReadOnlyList<string> methodsTried, string? refusal = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            SshFailureException failure => failure,
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } =>
                Failures.HostNotFound(request.Host, exception),
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
                Failures.ConnectionRefused(request.Host, request.Port, exception),
            SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable } socket =>
                Failures.Unreachable(request.Host, request.Port, socket.SocketErrorCode.ToString(), exception),
            SocketException socket =>
                Failures.CouldNotConnect(request.Host, request.Port, socket.Message, exception),
            SshAuthenticationException =>
                Failures.AuthenticationFailed(request.ToString(), methodsTried, exception.Message, refusal, exception),
            SshConnectionException { Message: var m } when m.Contains("identification", StringComparison.OrdinalIgnoreCase) =>
                Failures.NotSsh(request.Host, request.Port, exception),
            SshConnectionException { Message: var m } when m.Contains("host key", StringComparison.OrdinalIgnoreCase) =>
                Failures.HostKeyRefused(request.Host, request.Port, exception),
            SshOperationTimeoutException or TimeoutException or OperationCanceledException =>
                Failures.ConnectTimeout(request.Host, request.Port, request.ConnectTimeout),
            SshConnectionException =>
                Failures.HandshakeFailed(request.Host, request.Port, exception.Message, exception),
            _ => Failures.OpenFailed(request.Host, request.Port, exception.GetType().Name, exception),
        };
    }

    /// <summary>
    /// The methods the server still accepted when a login failed, as far as SSH.NET tells: each method it tried keeps
    /// the server's list from its refusal, and when none of ours was acceptable the exception names the list.
    /// </summary>
    public static IReadOnlySet<string> AllowedMethods(Exception failure, IEnumerable<AuthenticationMethod> tried)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var allowed = new HashSet<string>(tried.SelectMany(m => m.AllowedAuthentications ?? []), StringComparer.Ordinal);
        if (failure is SshAuthenticationException && NoSuitableMethod().Match(failure.Message) is { Success: true } listed)
        {
            allowed.UnionWith(listed.Groups[1].Value.Split(','));
        }

        return allowed;
    }

    /// <summary>SSH.NET's "No suitable authentication method found to complete authentication (publickey,password)."</summary>
    [GeneratedRegex(@"^No suitable authentication method found.*\(([A-Za-z0-9@.,-]+)\)\.?$")]
    private static partial Regex NoSuitableMethod();

    /// <summary>The transport-neutral failure for an SSH.NET exception about a channel, or null when it is not one.</summary>
    public static SshFailureException? TranslateChannel(Exception exception) => exception switch
    {
        SshException { Message: var m } when m.StartsWith("Failed to open a channel", StringComparison.Ordinal) =>
            new SshFailureException(SshFailureKind.ChannelRefused, "the host refused to open a channel", exception),
        SshConnectionException =>
            new SshFailureException(SshFailureKind.ConnectionLost, "the connection was lost", exception),
        _ => null,
    };
}
