using SshMcp.Server.Ssh;

namespace SshMcp.Server.Transports;

/// <summary>Makes authenticated connections: one implementation per SSH client (see <see cref="ISshConnection"/>).</summary>
internal interface ISshTransport
{
    /// <summary><c>sshnet</c> or <c>openssh</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Connects, verifies the host key and authenticates. <paramref name="deadline"/> bounds the whole of it and fires
    /// as a timeout; <paramref name="cancellationToken"/> is the caller's and propagates as a cancellation.
    /// </summary>
    Task<SshConnectResult> ConnectAsync(OpenRequest request, CancellationToken deadline, CancellationToken cancellationToken);
}
