using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SshMcp.Server.Elicitation;
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
    private readonly ISessionService _sessions;
    private readonly InteractiveOpens _interactive;
    private readonly ISecretPageHost _pages;
    private readonly CallerAccessor _callers;
    private readonly SshMcpOptions _options;
    private readonly bool _elicitationEnabled;
    private readonly ILogger<SshOpenTool> _logger;

    public SshOpenTool(ISessionService sessions, InteractiveOpens interactive, ISecretPageHost pages, CallerAccessor callers, IOptions<SshMcpOptions> options, IOptions<ElicitationOptions> elicitation, ILogger<SshOpenTool> logger)
    {
        _sessions = sessions;
        _interactive = interactive;
        _pages = pages;
        _callers = callers;
        _options = options.Value;
        _elicitationEnabled = elicitation.Value.Enabled;
        _logger = logger;
    }

    [McpServerTool(Name = ToolNames.Open, Title = "Open SSH session", UseStructuredContent = true, OutputSchemaType = typeof(OpenResult), ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true)]
    [Description("Open a persistent SSH session: one shell whose cwd, exported variables and functions carry over between ssh_exec calls. host may be a ~/.ssh/config alias. Auth: password, privateKey or privateKeyPath; else config keys, ssh-agent, ~/.ssh keys. Never ask for a password in chat: leave it out, and the client may ask the user on a page. A changed host key is refused.")]
    public async Task<CallToolResult> OpenAsync(
        McpServer server,
        RequestContext<CallToolRequestParams> context,
        [Description("Host name, IP address or ~/.ssh/config alias.")] string host,
        [Description("Login user (default: config's, else local user).")] string? username = null,
        [Description("SSH port (default: config's, else 22).")] int? port = null,
        [Description("Password.")] string? password = null,
        [Description("Private key text (OpenSSH or PEM).")] string? privateKey = null,
        [Description("Path of a private key file on the server's machine.")] string? privateKeyPath = null,
        [Description("Passphrase of an encrypted key.")] string? passphrase = null,
        [Description("Expected host key, SHA256:… as ssh-keygen -lf prints it.")] string? hostKeyFingerprint = null,
        [Description("Connect and login deadline, ms (default 15000).")] int? connectTimeoutMs = null,
        [Description("openssh (system ssh) or sshnet (built in); default auto.")] string? transport = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var caller = _callers.Current(cancellationToken);
        if (context.Params?.RequestState is { } requestState)
        {
            // The client is back with its answer to a question this call asked (see Elicitation/InteractiveOpens).
            return await ToolGuard.AnswerAsync(ToolNames.Open, _logger, async () =>
                Result(await _interactive.ResumeAsync(requestState, context.Params.InputResponses, caller.Principal, server, caller.Cancellation)), caller.Cancellation);
        }

        var request = Validate(host, username, port, password, privateKey, privateKeyPath, passphrase, hostKeyFingerprint, connectTimeoutMs) with { Transport = NullIfEmpty(transport?.Trim()) };
        return await ToolGuard.AnswerAsync(ToolNames.Open, _logger, async () => Result(
            InteractiveOpens.CanAsk(server, _pages, _elicitationEnabled)
                ? await _interactive.StartAsync(request, caller.Principal, server, caller.Cancellation)
                : await _sessions.OpenAsync(request, caller.Principal, caller.Cancellation)), caller.Cancellation);
    }

    private static OpenResult Result(SessionSnapshot session)
    {
        var endpoint = session.Endpoint;
        return new OpenResult(session.Id, endpoint.Host, endpoint.Port, endpoint.Username, endpoint.Transport, endpoint.HostKeyFingerprint, endpoint.HostKeyStatus.ToWireString(), session.Cwd);
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
