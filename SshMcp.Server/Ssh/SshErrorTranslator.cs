using System.Net.Sockets;
using Renci.SshNet.Common;

namespace SshMcp.Server.Ssh;

/// <summary>
/// The one place where SSH.NET and socket exceptions become messages for the agent: what failed, where, and what to
/// do next. Messages never carry a secret or a stack trace.
/// </summary>
internal static class SshErrorTranslator
{
    /// <param name="refusal">What the local side can add when the server refused every method (see <see cref="CredentialSet.ExplainRefusal"/>).</param>
    public static SshFailureException TranslateConnect(Exception exception, OpenRequest request, IReadOnlyList<string> methodsTried, string? refusal = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var where = $"{request.Host}:{request.Port}";
        return exception switch
        {
            SshFailureException failure => failure,
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } =>
                new(SshFailureKind.HostNotFound, $"Unknown host name '{request.Host}': it could not be resolved. Check the spelling, or use an IP address.", exception),
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
                new(SshFailureKind.ConnectionRefused, $"Connection refused by {where}: nothing listens on that port. Check the host and port (SSH is usually 22).", exception),
            SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable } socket =>
                new(SshFailureKind.ConnectionRefused, $"{where} cannot be reached ({socket.SocketErrorCode}). Check the host and the network.", exception),
            SocketException socket =>
                new(SshFailureKind.Other, $"Could not connect to {where}: {socket.Message}.", exception),
            SshAuthenticationException =>
                new(SshFailureKind.AuthenticationFailed, $"Authentication failed for {request} (tried: {string.Join(", ", methodsTried)}). {(refusal is null ? "Check the username and the password or key; the server said" : refusal + " The server said")}: {exception.Message}", exception),
            SshConnectionException { Message: var m } when m.Contains("identification", StringComparison.OrdinalIgnoreCase) =>
                new(SshFailureKind.NotSsh, $"{where} closed the connection before the SSH handshake: it does not look like an SSH server. Check the port.", exception),
            SshConnectionException { Message: var m } when m.Contains("host key", StringComparison.OrdinalIgnoreCase) =>
                new(SshFailureKind.HostKeyRejected, $"The host key of {where} was refused.", exception),
            SshOperationTimeoutException or TimeoutException or OperationCanceledException =>
                Timeout(request),
            SshConnectionException =>
                new(SshFailureKind.ConnectionLost, $"The connection to {where} failed during the SSH handshake: {exception.Message}. Try again; if it persists, check the server.", exception),
            _ => new(SshFailureKind.Other, $"Could not open an SSH session to {where} ({exception.GetType().Name}).", exception),
        };
    }

    public static SshFailureException Timeout(OpenRequest request) =>
        new(
            SshFailureKind.Timeout,
            $"Opening an SSH session to {request.Host}:{request.Port} did not finish within {request.ConnectTimeout.TotalSeconds:0.#} s (no answer, a filtered port, or a very slow server). Check the host and port, or pass a longer connectTimeoutMs.");
}
