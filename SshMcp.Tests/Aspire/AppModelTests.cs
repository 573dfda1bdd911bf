using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using SshMcp.AppHost.Sshd;

namespace SshMcp.Tests.Aspire;

/// <summary>The AppHost's resources as built, without starting them (no container runtime needed).</summary>
[Collection(AspireCollection.Name)]
public sealed class AppModelTests
{
    private const string Password = "Model-Test-Password-4711";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AppModel_ContainerMode_PinnedImageSecretPasswordAndNothingSecretForTheServer()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SshMcp_AppHost>(
            ["--Sshd:Mode=container", $"--Parameters:sshd-password={Password}"], timeout.Token);

        var sshd = Assert.Single(appHost.Resources.OfType<ContainerResource>(), r => r.Name == "sshd");
        var image = Assert.Single(sshd.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal(("lscr.io", "linuxserver/openssh-server", "version-9.9_p2-r0"), (image.Registry, image.Image, image.Tag));
        var endpoint = Assert.Single(sshd.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal((SshdResourceExtensions.EndpointName, SshdSettings.ContainerPort), (endpoint.Name, endpoint.TargetPort));
        var password = Assert.Single(appHost.Resources.OfType<ParameterResource>(), p => p.Name == "sshd-password");
        Assert.True(password.Secret);
        var sshdEnvironment = await EnvironmentOfAsync(sshd, timeout.Token);
        Assert.Equal(Password, sshdEnvironment["USER_PASSWORD"]);
        var login = Assert.Single(sshd.Annotations.OfType<SshLoginAnnotation>());
        Assert.Equal((SshdMode.Container, SshdSettings.DefaultContainerUser, "sshd-password"), (login.Mode, login.User, login.PasswordParameter));

        var server = Assert.Single(appHost.Resources.OfType<ProjectResource>(), r => r.Name == "server");
        Assert.Contains(server.Annotations.OfType<WaitAnnotation>(), w => w.Resource == sshd);
        Assert.Contains(server.Annotations.OfType<HealthCheckAnnotation>(), _ => true);
        var serverEnvironment = await UnresolvedEnvironmentOfAsync(server, timeout.Token);
        Assert.Contains("PORT", serverEnvironment.Keys);
        Assert.DoesNotContain(serverEnvironment, variable => Reveals(variable.Value, password));
        Assert.DoesNotContain(serverEnvironment.Keys, key => key.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The server's environment as its callbacks produce it, references left unresolved: resolving would wait for
    /// endpoints that only a started app allocates.
    /// </summary>
    private static async Task<Dictionary<string, object>> UnresolvedEnvironmentOfAsync(ProjectResource resource, CancellationToken ct)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), resource, cancellationToken: ct);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables;
    }

    private static bool Reveals(object value, ParameterResource password) => value switch
    {
        string text => text.Contains(Password, StringComparison.Ordinal),
        ParameterResource parameter => parameter == password || parameter.Secret,
        IValueWithReferences references => references.References.Any(r => r == password || (r is IValueWithReferences inner && Reveals(inner, password))),
        _ => false,
    };

    /// <summary>A resource's environment as it would be started (run mode), every reference resolved.</summary>
    private static async Task<IReadOnlyDictionary<string, string?>> EnvironmentOfAsync(IResource resource, CancellationToken ct)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(resource)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), NullLogger.Instance, ct);
        return configuration.EnvironmentVariables.ToDictionary(v => v.Key, v => (string?)v.Value);
    }
}
