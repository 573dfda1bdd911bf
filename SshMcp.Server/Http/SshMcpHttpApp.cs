using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;
using SshMcp.Server.Cluster;
using SshMcp.Server.Http.OAuth;
using SshMcp.Server.Elicitation;

namespace SshMcp.Server.Http;

/// <summary>
/// The HTTP server, whole: Streamable HTTP at <c>/mcp</c> for both protocol eras, behind the Host and Origin guards,
/// the body limit and the bearer tokens; <c>/health</c> and <c>/alive</c> open to probes. Program.cs runs it; tests
/// start exactly this pipeline on port 0.
/// </summary>
public static class SshMcpHttpApp
{
    public const string McpPath = "/mcp";

    /// <param name="args">Configuration arguments (<c>--PORT=0</c>, <c>--SshMcp:Http:AuthToken=…</c>).</param>
    /// <param name="configure">Last changes before the app is built (tests add configuration, logging or a clock).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // No hosting-startup assemblies: the server needs none (nor code injected through ASPNETCORE_HOSTINGSTARTUPASSEMBLIES),
        // and looking for them reads every attribute of this assembly, which loads Orleans where no cluster runs.
        var builder = WebApplication.CreateBuilder([.. args, $"--{WebHostDefaults.PreventHostingStartupKey}=true"]);
        builder.AddServiceDefaults();
        builder.AddSshMcp().WithHttpTransport(o =>
        {
            // 2026-07-28 clients are served per request, older ones get their initialize session. SSH sessions belong
            // to the request's principal, not to either, so nothing here depends on which one a client speaks.
            o.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.Replace(ServiceDescriptor.Singleton<ISecretPageHost, HttpSecretPageHost>());
        AddHttpSecurity(builder);
        configure?.Invoke(builder);
        if (ClusterMode.IsConfigured(builder.Configuration))
        {
            // One replica of several: the sessions' grains route each call to the replica holding the session.
            builder.AddSshMcpCluster();
        }

        var app = builder.Build();
        app.UseMiddleware<RequestGuardMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapMcp(McpPath).RequireAuthorization(BearerTokenDefaults.Policy);
        // The page a person types a secret into: no token (a browser has none), the id in its address is the capability.
        app.Services.GetRequiredService<SecretPageEndpoints>().Map(app);
        app.Lifetime.ApplicationStarted.Register(() => LogListening(app));
        return app;
    }

    /// <summary>
    /// Builds and runs the server until shutdown. Settings that fail validation (a public bind without a token, say)
    /// stop it before it listens, with each problem on stderr and exit code 2, rather than a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication? app = null;
        try
        {
            app = Build(args);
            await app.StartAsync();
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync("sshmcp: " + failure);
            }

            if (app is not null)
            {
                await app.DisposeAsync();
            }

            return 2;
        }

        try
        {
            await app.WaitForShutdownAsync();
        }
        finally
        {
            await app.DisposeAsync();
        }

        return 0;
    }

    /// <summary>The address the server listens on once started, e.g. <c>http://127.0.0.1:3000</c>.</summary>
    public static Uri ListeningAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address);
    }

    private static void AddHttpSecurity(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SshMcpHttpOptions>()
            .Bind(builder.Configuration.GetSection(SshMcpHttpOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<SshMcpHttpOptions>, SshMcpHttpOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SshMcpHttpOptions>, SshMcpHttpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IConfigureOptions<KestrelServerOptions>, HttpEndpointSetup>());

        // AddAuthenticationCore, not AddAuthentication: the latter brings Data Protection, whose key ring this server
        // has no use for and which would write keys under the home directory at start.
        services.AddAuthenticationCore(o => o.DefaultScheme = BearerTokenDefaults.AuthenticationScheme);
        services.AddWebEncoders();
        var authentication = new AuthenticationBuilder(services)
            .AddScheme<BearerTokenAuthenticationOptions, BearerTokenAuthenticationHandler>(BearerTokenDefaults.AuthenticationScheme, null);
        services.AddOptions<BearerTokenAuthenticationOptions>(BearerTokenDefaults.AuthenticationScheme)
            .Configure<IOptions<SshMcpHttpOptions>>((o, http) =>
            {
                o.Tokens = [.. http.Value.NamedTokens().Select(t => (t.Key, SHA256.HashData(Encoding.UTF8.GetBytes(t.Value))))];
                o.OpenToLocalUser = !http.Value.RequiresAuthentication;
            });
        OAuthAuthentication.Add(authentication);
        OAuthAuthentication.AddPolicy(services.AddAuthorizationBuilder(), BearerTokenDefaults.Policy);
    }

    private static string AuthenticationSummary(SshMcpHttpOptions http) => (http.RequiresToken, http.OAuth.Enabled) switch
    {
        (true, true) => $"bearer token or OAuth access token from {http.OAuth.Authority} required",
        (false, true) => $"OAuth access token from {http.OAuth.Authority} required",
        (true, false) => "bearer token required",
        _ => "loopback only, no token",
    };

    private static void LogListening(WebApplication app)
    {
        var http = app.Services.GetRequiredService<IOptions<SshMcpHttpOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SshMcpHttpApp));
        HttpLog.Listening(logger, new Uri(ListeningAddress(app), McpPath).ToString(), AuthenticationSummary(http));
        if (HttpEndpointSetup.TryParseBindAddress(http.BindAddress, out var address) && !IPAddress.IsLoopback(address)
            && http.AllowedHosts == SshMcpHttpOptions.LoopbackHosts)
        {
            HttpLog.LoopbackHostsOnPublicAddress(logger, http.BindAddress, http.AllowedHosts);
        }
    }
}
