using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SshMcp.Server.Ssh.Routes;

namespace SshMcp.Server.Targets;

internal static class TargetAllowListServiceCollectionExtensions
{
    /// <summary>
    /// The allow list (<see cref="TargetAllowListOptions"/>, validated at start) and the <see cref="TargetGate"/> that
    /// applies it to every hop of a route, as the <see cref="IHopGate"/> (unless another gate was registered first).
    /// </summary>
    public static IHostApplicationBuilder AddTargetAllowList(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TargetAllowListOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<TargetAllowListOptions>, TargetAllowListSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TargetAllowListOptions>, TargetAllowListValidator>());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TargetAllowListOptions>>().Value.Build());
        services.AddSingleton<TargetGate>();
        services.TryAddSingleton<IHopGate>(sp => sp.GetRequiredService<TargetGate>());
        return builder;
    }
}
