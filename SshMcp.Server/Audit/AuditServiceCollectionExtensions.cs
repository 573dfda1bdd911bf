using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SshMcp.Server.Audit;

internal static class AuditServiceCollectionExtensions
{
    /// <summary>The audit trail (<see cref="AuditOptions"/>, validated at start) and the call-tool filter that feeds it.</summary>
    public static IMcpServerBuilder WithAudit(this IMcpServerBuilder mcp, IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuditOptions>().Bind(builder.Configuration.GetSection(AuditOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.TryAddSingleton<AuditFileWriter>();
        services.TryAddSingleton<AuditTrail>();
        return mcp.WithRequestFilters(filters => filters.AddCallToolFilter(AuditCallFilter.Wrap));
    }
}
