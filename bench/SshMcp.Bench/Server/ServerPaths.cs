using System.Reflection;

namespace SshMcp.Bench.Server;

/// <summary>Where the built server and this benchmark are, to start them as child processes.</summary>
internal static class ServerPaths
{
    /// <summary>SshMcp.Server.dll of the same configuration as this build (or SSHMCP_BENCH_SERVER_DLL).</summary>
    public static string ServerDll { get; } =
        Environment.GetEnvironmentVariable("SSHMCP_BENCH_SERVER_DLL") is { Length: > 0 } overridden
            ? overridden
            : typeof(ServerPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "SshMcpServerDll").Value!;

    /// <summary>This benchmark's own dll, started with <c>--null-server</c> for the cold-start floor.</summary>
    public static string BenchDll { get; } = typeof(ServerPaths).Assembly.Location;

    public static void EnsureBuilt()
    {
        if (!File.Exists(ServerDll))
        {
            throw new FileNotFoundException($"The server is not built at {ServerDll}. Build the solution in this configuration first.", ServerDll);
        }
    }
}
