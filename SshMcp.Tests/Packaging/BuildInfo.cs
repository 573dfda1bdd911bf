using System.Reflection;

namespace SshMcp.Tests.Packaging;

/// <summary>Where this test assembly was built from, as the test project records it (AssemblyMetadata).</summary>
internal static class BuildInfo
{
    /// <summary>Debug or Release: the configuration the server was built in alongside these tests.</summary>
    public static string Configuration { get; } = Metadata("SshMcp.Tests.Configuration");

    /// <summary>The full path of SshMcp.Server.csproj.</summary>
    public static string ServerProject { get; } = Metadata("SshMcp.Tests.ServerProject");

    /// <summary>The built server next to the tests (the test project references it, so its output is copied here).</summary>
    public static string BuiltServerDll { get; } = Path.Combine(AppContext.BaseDirectory, "SshMcp.Server.dll");

    private static string Metadata(string key) =>
        typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no AssemblyMetadata '{key}'; see SshMcp.Tests.csproj.");
}
