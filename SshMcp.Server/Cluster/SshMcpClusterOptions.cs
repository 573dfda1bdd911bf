namespace SshMcp.Server.Cluster;

/// <summary>Settings under <c>SshMcp:Cluster</c>. Setting <see cref="Redis"/> turns cluster mode on.</summary>
public sealed class SshMcpClusterOptions
{
    public const string SectionKey = "Cluster";
    public const string SectionName = "SshMcp:" + SectionKey;

    /// <summary>A StackExchange.Redis connection string (<c>127.0.0.1:6379,password=…</c>): where replicas find each other.</summary>
    public string? Redis { get; set; }

    /// <summary>Replicas with the same id form one cluster; one Redis can serve several clusters.</summary>
    public string ClusterId { get; set; } = "sshmcp";

    /// <summary>The TCP port replicas call each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The address other replicas reach this one at; empty means the HTTP bind address when it is a specific one, else this host's first address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>How long a replica that stops answering probes may stay a member: each probe waits this long, two missed ones and two votes declare it dead.</summary>
    public int ProbeTimeoutMs { get; set; } = 3_000;

    /// <summary>How long a lost session is still reported as lost (rather than unknown) to its owner.</summary>
    public int LostSessionMemoryMinutes { get; set; } = 24 * 60;
}
