using System.Net.Sockets;
using System.Text.RegularExpressions;
using Renci.SshNet;
using Renci.SshNet.Common;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Routes;

namespace SshMcp.Server.Transports.SshNet;

/// <summary>
/// The one place where SSH.NET and socket exceptions are classified. The messages themselves live in
/// <see cref="Failures"/>, shared with the OpenSSH transport, so an agent reads the same words whichever runs.
/// </summary>
internal static partial class SshNetErrors
{
    /// <param name="hop">The hop being connected: messages name its HostName and Port, not a forwarding port.</param>
    /// <param name="refusal">What the local side can add when the server refused every method (see <see cref="CredentialSet.ExplainRefusal"/>).</param>
    public static SshFailureException TranslateConnect(Exception exception, RouteHop hop, TimeSpan timeout, IReadOnlyList<string> methodsTried, string? refusal = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(hop);
        var (host, port) = (hop.Config.HostName, hop.Config.Port);
        return exception switch
        {
            SshFailureException failure => failure,
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } =>
                Failures.HostNotFound(hop.Alias, host, exception),
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
                Failures.ConnectionRefused(host, port, exception),
            SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable } socket =>
                Failures.Unreachable(host, port, socket.SocketErrorCode.ToString(), exception),
            SocketException socket =>
                Failures.CouldNotConnect(host, port, socket.Message, exception),
            SshAuthenticationException =>
                Failures.AuthenticationFailed(hop.Endpoint, methodsTried, exception.Message, refusal, exception),
            SshConnectionException { Message: var m } when m.Contains("identification", StringComparison.OrdinalIgnoreCase) =>
                Failures.NotSsh(host, port, exception),
            SshConnectionException { Message: var m } when m.Contains("host key", StringComparison.OrdinalIgnoreCase) =>
                Failures.HostKeyRefused(host, port, exception),
            SshOperationTimeoutException or TimeoutException or OperationCanceledException =>
                Failures.ConnectTimeout(host, port, timeout),
            SshConnectionException =>
                Failures.HandshakeFailed(host, port, exception.Message, exception),
            _ => Failures.OpenFailed(host, port, exception.GetType().Name, exception),
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
            Failures.ChannelRefused(exception),
        SshConnectionException =>
            Failures.ChannelLost(exception),
        _ => null,
    };
}
