using Microsoft.Extensions.Configuration;
using SshMcp.Server.Options;

namespace SshMcp.Server.Cluster;

/// <summary>
/// Whether this process runs as one replica of a cluster: only when <c>SshMcp:Cluster:Redis</c> is set, and only over
/// HTTP. Deliberately free of Orleans types: deciding costs nothing, and without the setting no Orleans assembly is
/// ever loaded.
/// </summary>
internal static class ClusterMode
{
    public const string RedisKey = SshMcpOptions.SectionName + ":" + SshMcpClusterOptions.SectionKey + ":" + nameof(SshMcpClusterOptions.Redis);

    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[RedisKey]);
    }

    /// <summary>Why a stdio server refuses to start with the cluster setting.</summary>
    public static string StdioRefusal =>
        $"{RedisKey} is set, but a cluster of replicas serves HTTP only: a stdio server belongs to the one client that started it. Remove the setting, or run without --stdio.";
}
