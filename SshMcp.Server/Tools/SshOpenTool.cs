using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using SshMcp.Server.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Config;
using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Server.Tools;

[McpServerToolType]
internal sealed class SshOpenTool
{
    private readonly SessionRegistry _registry;
    private readonly CallerAccessor _callers;
    private readonly SshMcpOptions _options;
    private readonly ILogger<SshOpenTool> _logger;

    public SshOpenTool(SessionRegistry registry, CallerAccessor callers, IOptions<SshMcpOptions> options, ILogger<SshOpenTool> logger)
    {
        _registry = registry;
        _callers = callers;
        _options = options.Value;
        _logger = logger;
    }

    [McpServerTool(Name = ToolNames.Open, Title = "Open SSH session", UseStructuredContent = true, ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true)]
    [Description("Open a persistent SSH session: one shell whose cwd, exported variables and functions carry over between ssh_exec calls. host may be a ~/.ssh/config alias (its user, port, keys, ProxyJump apply). Auth: password, privateKey or privateKeyPath; else config keys, ssh-agent, ~/.ssh keys. A changed host key is refused.")]
    public async Task<OpenResult> OpenAsync(
        [Description("Host name, IP address or ~/.ssh/config alias.")] string host,
        [Description("Login user (default: config's, else local user).")] string? username = null,
        [Description("SSH port (default: config's, else 22).")] int? port = null,
        [Description("Password.")] string? password = null,
        [Description("Private key text (OpenSSH or PEM).")] string? privateKey = null,
        [Description("Path of a private key file on the server's machine.")] string? privateKeyPath = null,
        [Description("Passphrase of an encrypted key.")] string? passphrase = null,
        [Description("Expected host key, SHA256:… as ssh-keygen -lf prints it.")] string? hostKeyFingerprint = null,
        [Description("Deadline for connecting and logging in, ms (default 15000).")] int? connectTimeoutMs = null,
        [Description("SSH client: openssh (the system ssh) or sshnet (built in); default auto.")] string? transport = null,
        CancellationToken cancellationToken = default)
    {
        var request = Validate(host, username, port, password, privateKey, privateKeyPath, passphrase, hostKeyFingerprint, connectTimeoutMs) with { Transport = NullIfEmpty(transport?.Trim()) };
        using var caller = _callers.Current(cancellationToken);
        return await ToolGuard.RunAsync(ToolNames.Open, _logger, async () =>
        {
            var session = await _registry.OpenAsync(request, caller.Principal, caller.Cancellation);
            var endpoint = session.Endpoint;
            return new OpenResult(session.Id, endpoint.Host, endpoint.Port, endpoint.Username, endpoint.Transport, endpoint.HostKeyFingerprint, endpoint.HostKeyStatus.ToWireString(), session.Cwd);
        }, caller.Cancellation);
    }

    private OpenRequest Validate(string host, string? username, int? port, string? password, string? privateKey, string? privateKeyPath, string? passphrase, string? hostKeyFingerprint, int? connectTimeoutMs)
    {
        // The same rules as the ssh_config resolver (and ssh's own command line): an alias is fine; '@', '/', a leading '-' are not.
        host = host?.Trim() ?? "";
        username = string.IsNullOrWhiteSpace(username) ? null : username.Trim();
        try
        {
            new ResolveRequest(host, username, port).Validate();
        }
        catch (SshFailureException invalid)
        {
            throw ToolGuard.InvalidArgument(invalid.Message);
        }

        var timeout = connectTimeoutMs ?? _options.ConnectTimeoutMs;
        if (timeout is < 100 or > 300_000)
        {
            throw ToolGuard.InvalidArgument($"connectTimeoutMs must be between 100 and 300000 (got {timeout}).");
        }

        return new OpenRequest(
            host,
            port,
            username,
            NullIfEmpty(password),
            NullIfEmpty(privateKey),
            NullIfEmpty(privateKeyPath),
            NullIfEmpty(passphrase),
            NullIfEmpty(hostKeyFingerprint?.Trim()),
            TimeSpan.FromMilliseconds(timeout));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
