using System.Globalization;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SshMcp.AppHost.Diagnostics;

namespace SshMcp.AppHost.Sshd;

public static class SshdResourceExtensions
{
    /// <summary>The name of the sshd resource's endpoint.</summary>
    public const string EndpointName = "ssh";

    /// <summary>
    /// A disposable OpenSSH server for the agent to practise on: the pinned container image with a generated secret
    /// password, or this machine's sshd with generated keys (see <see cref="SshdMode"/>). Healthy once it serves
    /// an SSH banner; its dashboard URL and console log say how to log in; <see cref="SshLoginAnnotation"/> holds the same.
    /// </summary>
    public static async Task<IResourceBuilder<IResourceWithEndpoints>> AddDisposableSshdAsync(
        this IDistributedApplicationBuilder builder, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = SshdSettings.From(builder.Configuration);
        var why = $"Sshd:Mode={settings.Mode.ToString().ToLowerInvariant()}";
        var mode = settings.Mode;
        if (mode == SshdMode.Auto)
        {
            var runtime = await ContainerRuntimeProbe.FindAsync(cancellationToken);
            mode = runtime is null ? SshdMode.Local : SshdMode.Container;
            why += runtime is null ? ", no container runtime answered" : $", {runtime} answered";
        }

        return mode == SshdMode.Container
            ? AddContainerSshd(builder, name, settings, why)
            : await AddLocalSshdAsync(builder, name, settings, why, cancellationToken);
    }

    private static IResourceBuilder<IResourceWithEndpoints> AddContainerSshd(IDistributedApplicationBuilder builder, string name, SshdSettings settings, string why)
    {
        var user = settings.User ?? SshdSettings.DefaultContainerUser;
        // Set it with Parameters:sshd-password (user secrets, environment); otherwise one is generated and kept in user secrets.
        var password = builder.AddParameter($"{name}-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
        var login = new SshLoginAnnotation(SshdMode.Container, "localhost", user, null, null, password.Resource.Name);
        var sshd = builder.AddContainer(name, SshdSettings.ContainerImage, SshdSettings.ContainerTag)
            .WithImageRegistry(SshdSettings.ContainerRegistry)
            .WithEnvironment("PUID", "1000")
            .WithEnvironment("PGID", "1000")
            .WithEnvironment("TZ", "Etc/UTC")
            .WithEnvironment("USER_NAME", user)
            .WithEnvironment("PASSWORD_ACCESS", "true")
            .WithEnvironment("USER_PASSWORD", password)
            .WithEnvironment("SUDO_ACCESS", "false")
            .WithEndpoint(targetPort: SshdSettings.ContainerPort, name: EndpointName, scheme: "tcp")
            .WithAnnotation(login);
        return Describe(builder, sshd, login, why);
    }

    private static async Task<IResourceBuilder<IResourceWithEndpoints>> AddLocalSshdAsync(
        IDistributedApplicationBuilder builder, string name, SshdSettings settings, string why, CancellationToken cancellationToken)
    {
        var (user, created) = await LocalLoginUser.ResolveAsync(settings.User, cancellationToken);
        if (created)
        {
            why += $", created the login user {user}";
        }

        var files = await LocalSshdFiles.CreateAsync(user, cancellationToken);
        builder.Services.AddHostedService(_ => new DisposeOnStop(files));
        if (Environment.IsPrivilegedProcess)
        {
            // sshd's privilege separation directory; a machine that never ran the system sshd lacks it.
            Directory.CreateDirectory("/run/sshd");
        }

        var login = new SshLoginAnnotation(SshdMode.Local, LocalSshdFiles.Host, user, files.PrivateKeyPath, files.HostKeyFingerprint, null);
        var sshd = builder.AddExecutable(name, LocalSshdFiles.SshdPath, files.Directory, files.SshdArguments)
            .WithEndpoint(port: files.Port, targetPort: files.Port, scheme: "tcp", name: EndpointName, isProxied: false)
            .WithAnnotation(login);
        return Describe(builder, sshd, login, why);
    }

    /// <summary>The health check, the dashboard URL and the console log line that say where to connect.</summary>
    private static IResourceBuilder<IResourceWithEndpoints> Describe<T>(IDistributedApplicationBuilder builder, IResourceBuilder<T> sshd, SshLoginAnnotation login, string why)
        where T : IResourceWithEndpoints
    {
        var endpoint = sshd.GetEndpoint(EndpointName);
        var check = $"{sshd.Resource.Name}-ssh-banner";
        builder.Services.AddHealthChecks().AddCheck(check, new SshBannerHealthCheck(login.Host, endpoint));

        sshd.WithHealthCheck(check)
            .WithUrls(context =>
            {
                foreach (var url in context.Urls.Where(u => u.Endpoint?.EndpointName == EndpointName))
                {
                    var port = url.Endpoint!.Port.ToString(CultureInfo.InvariantCulture);
                    url.Url = $"ssh://{login.User}@{login.Host}:{port}";
                    url.DisplayText = $"ssh {login.User}@{login.Host} -p {port}";
                }
            })
            .OnResourceReady((resource, e, _) =>
            {
                var logger = e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
                Log.SshdReady(logger, why, login.User, login.Host, endpoint.Port);
                Log.SshOpenArguments(logger, OpenArguments(login, endpoint.Port));
                return Task.CompletedTask;
            });
        return (IResourceBuilder<IResourceWithEndpoints>)sshd;
    }

    /// <summary>What to pass to ssh_open, as JSON; a password is named by its parameter, never shown.</summary>
    private static string OpenArguments(SshLoginAnnotation login, int port)
    {
        var arguments = new Dictionary<string, object>
        {
            ["host"] = login.Host,
            ["port"] = port,
            ["username"] = login.User,
        };
        if (login.PrivateKeyPath is not null)
        {
            arguments["privateKeyPath"] = login.PrivateKeyPath;
        }

        if (login.HostKeyFingerprint is not null)
        {
            arguments["hostKeyFingerprint"] = login.HostKeyFingerprint;
        }

        if (login.PasswordParameter is not null)
        {
            arguments["password"] = $"<the value of the {login.PasswordParameter} parameter>";
        }

        return JsonSerializer.Serialize(arguments);
    }
}
