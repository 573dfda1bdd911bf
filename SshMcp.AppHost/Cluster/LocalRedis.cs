using System.Globalization;
using SshMcp.TestKit;

namespace SshMcp.AppHost.Cluster;

/// <summary>
/// This machine's <c>redis-server</c> for the replicas to meet in: a free loopback port, a working directory of its
/// own (deleted when the AppHost stops), nothing saved to disk. For development only; it has no password.
/// </summary>
internal sealed class LocalRedis : IDisposable
{
    public const string Program = "redis-server";

    private LocalRedis(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>What <c>SshMcp:Cluster:Redis</c> is set to in each replica.</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public string[] Arguments =>
        ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", Directory];

    public static LocalRedis Create() => new(System.IO.Directory.CreateTempSubdirectory("sshmcp-redis-").FullName, LoopbackPort.Free());

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
