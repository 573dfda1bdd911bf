using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server;
using SshMcp.Server.Audit;
using SshMcp.Server.Diagnostics;
using SshMcp.Server.Elicitation;
using SshMcp.Server.Files;
using SshMcp.Server.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Runs;
using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh.Config;
using SshMcp.Server.Ssh.HostKeys;
using SshMcp.Server.Ssh.Routes;
using SshMcp.Server.Targets;
using SshMcp.Server.Transports;
using SshMcp.Server.Transports.OpenSsh;
using SshMcp.Server.Transports.SshNet;
using SshMcp.Server.Tools;

namespace Microsoft.Extensions.Hosting;

public static class SshMcpServiceCollectionExtensions
{
    private const string McpCategory = "ModelContextProtocol";

    /// <summary>
    /// Everything the SSH MCP server needs except its transport: options, sessions, SSH, the tools, and the logging
    /// rules that keep secrets out of logs. Returns the MCP server builder so the caller picks stdio or HTTP.
    /// </summary>
    public static IMcpServerBuilder AddSshMcp(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<SshMcpOptions>()
            .Bind(builder.Configuration.GetSection(SshMcpOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SshMcpOptions>, SshMcpOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        builder.AddSshMcpTelemetry();
        services.AddSingleton<HostKeyTrust>();
        services.AddHostedService<HostKeyPolicyWarning>();
        services.AddSingleton<SshConfigResolverFactory>();
        builder.AddTargetAllowList();
        services.AddSingleton<RoutePlanner>();
        services.AddSingleton<SshNetLogin>();
        services.AddSingleton<ISshTransport, SshNetTransport>();
        services.AddSingleton<OpenSshClient>();
        services.AddSingleton<ISshTransport, OpenSshTransport>();
        services.AddSingleton<TransportSelector>();
        services.AddSingleton<LocalFiles>();
        services.AddSingleton<FileTransfers>();
        services.AddSingleton<SpoolRoot>();
        services.AddSingleton<SessionRegistry>();
        services.TryAddSingleton<ISessionService, LocalSessionService>();
        services.AddSingleton(sp => new CallerAccessor(sp.GetService<Microsoft.AspNetCore.Http.IHttpContextAccessor>()));
        AddElicitation(builder);
        services.AddSingleton<IdleSessionReaper>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleSessionReaper>());

        KeepSecretsOutOfLogs(builder.Logging);

        return services
            .AddMcpServer(o =>
            {
                o.ServerInfo = new() { Name = "SshMcp", Version = ServerVersion.Current };
                o.ServerInstructions = "Run commands on remote hosts over SSH. ssh_open once per host, then ssh_exec as often as needed (state persists like a terminal), ssh_close when done.";
            })
            .WithTools<SshOpenTool>()
            .WithTools<SshExecTool>()
            .WithTools<SshCloseTool>()
            .WithTools<SshListTool>()
            .WithTools<SshReadFileTool>()
            .WithTools<SshWriteFileTool>()
            .WithTools<SshOutputTool>()
            .WithTools<SshStopTool>()
            .WithAudit(builder);
    }

    /// <summary>
    /// Asking a person for a secret the call did not give (Elicitation/). The page's host is a loopback listener of
    /// its own, for stdio; the HTTP server replaces it with itself.
    /// </summary>
    private static void AddElicitation(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ElicitationOptions>()
            .Bind(builder.Configuration.GetSection(ElicitationOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ElicitationOptions>, ElicitationOptionsValidator>());
        services.AddSingleton<SecretInbox>();
        services.AddSingleton<SecretPageEndpoints>();
        services.TryAddSingleton<ISecretPageHost, LoopbackSecretPageHost>();
        services.AddSingleton<IOpenAttemptRouter, LocalOpenAttempts>();
        services.AddSingleton<InteractiveOpens>();
    }

    /// <summary>
    /// At Trace the MCP SDK logs raw messages, tool arguments (passwords) included: its categories never go below
    /// Information, whatever the configuration says. Unless configured, they log at Warning: at Information the SDK
    /// writes three lines for every tool call (about a tenth of a millisecond of work and a logger-thread wake-up
    /// each), which is noise for an operator and latency for the agent.
    /// </summary>
    private static void KeepSecretsOutOfLogs(ILoggingBuilder logging)
    {
        logging.Services.PostConfigure<LoggerFilterOptions>(o =>
        {
            LogLevel? configured = null;
            var providersWithSdkRule = new HashSet<string>(StringComparer.Ordinal);
            for (var i = o.Rules.Count - 1; i >= 0; i--)
            {
                var rule = o.Rules[i];
                if (rule.CategoryName?.StartsWith(McpCategory, StringComparison.Ordinal) != true)
                {
                    continue;
                }

                var level = rule.LogLevel < LogLevel.Information ? LogLevel.Information : rule.LogLevel;
                o.Rules[i] = new LoggerFilterRule(rule.ProviderName, rule.CategoryName, level, rule.Filter);
                if (rule.CategoryName == McpCategory)
                {
                    if (rule.ProviderName is null)
                    {
                        configured ??= level; // rules are read last to first: the last one wins, as in the selector
                    }
                    else
                    {
                        providersWithSdkRule.Add(rule.ProviderName);
                    }
                }
            }

            var sdkLevel = configured ?? LogLevel.Warning;
            if (configured is null)
            {
                o.Rules.Add(new LoggerFilterRule(null, McpCategory, sdkLevel, null));
            }

            // A rule for one provider beats every provider-less rule, however specific its category
            // (Logging:Console:LogLevel:Default=Trace would reach the SDK): each such provider gets its own SDK rule.
            var providers = o.Rules.Select(r => r.ProviderName).OfType<string>().Where(p => !providersWithSdkRule.Contains(p)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var provider in providers)
            {
                o.Rules.Add(new LoggerFilterRule(provider, McpCategory, sdkLevel, null));
            }
        });
    }
}
