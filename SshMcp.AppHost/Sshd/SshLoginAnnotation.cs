using Aspire.Hosting.ApplicationModel;

namespace SshMcp.AppHost.Sshd;

/// <summary>
/// How to log in to the sshd resource: what the dashboard shows and what a client passes to <c>ssh_open</c>
/// (with the port of the resource's <c>ssh</c> endpoint). Holds no secret: a password stays in its parameter.
/// </summary>
/// <param name="PrivateKeyPath">Local mode: the generated key, readable by the MCP server on this machine.</param>
/// <param name="HostKeyFingerprint">Local mode: the generated host key, <c>SHA256:…</c>, to pin with hostKeyFingerprint.</param>
/// <param name="PasswordParameter">Container mode: the secret parameter that holds the password.</param>
public sealed record SshLoginAnnotation(
    SshdMode Mode,
    string Host,
    string User,
    string? PrivateKeyPath,
    string? HostKeyFingerprint,
    string? PasswordParameter) : IResourceAnnotation;
