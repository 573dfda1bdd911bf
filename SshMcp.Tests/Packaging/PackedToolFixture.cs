using System.IO.Compression;
using System.Xml.Linq;

namespace SshMcp.Tests.Packaging;

/// <summary>
/// The server packed as a .NET tool (<c>dotnet pack</c> of the build these tests run on, into a temp folder) and
/// installed from that folder into a temp tool path, as a user would with <c>dotnet tool install</c>. Once per
/// test class; everything lives under one temp directory, deleted at the end.
/// </summary>
public sealed class PackedToolFixture : IAsyncLifetime
{
    public const string PackageId = "SshMcp";
    public const string CommandName = "sshmcp";

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(3);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"sshmcp-pack-{Guid.NewGuid():N}");

    /// <summary>The local package source: the folder holding the one .nupkg.</summary>
    public string PackageSource => Path.Combine(Root, "packages");

    /// <summary>A NuGet.Config with no sources at all, so only the local folder (passed as --add-source) is used.</summary>
    public string NuGetConfig => Path.Combine(Root, "nuget.config");

    public string PackagePath { get; private set; } = "";

    /// <summary>The package version, read from the packed .nuspec.</summary>
    public string Version { get; private set; } = "";

    /// <summary>The installed command, <c>&lt;tool-path&gt;/sshmcp</c>.</summary>
    public string Command => Path.Combine(Root, "tools", CommandName);

    /// <summary>A home directory for the tool's processes: no keys, no known_hosts, nothing of the machine's user.</summary>
    public string Home => Path.Combine(Root, "home");

    /// <summary>How long packing took (reported by the pack test's output).</summary>
    public TimeSpan PackDuration { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(PackageSource);
        Directory.CreateDirectory(Home);
        await File.WriteAllTextAsync(NuGetConfig, """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
              </packageSources>
            </configuration>
            """);

        var started = TimeProvider.System.GetTimestamp();
        (await DotnetCli.RunAsync(
            ["pack", BuildInfo.ServerProject, "--no-build", "--configuration", BuildInfo.Configuration, "--output", PackageSource, "--disable-build-servers", "-nodeReuse:false"],
            PackTimeout, CancellationToken.None)).ThrowUnlessExitCodeIn(0);
        PackDuration = TimeProvider.System.GetElapsedTime(started);

        PackagePath = Directory.GetFiles(PackageSource, "*.nupkg").Single();
        Version = (string)ReadNuspec().Descendants().Single(e => e.Name.LocalName == "version");

        (await DotnetCli.RunAsync(
            ["tool", "install", PackageId, "--tool-path", Path.Combine(Root, "tools"), "--add-source", PackageSource, "--configfile", NuGetConfig, "--version", Version],
            InstallTimeout, CancellationToken.None)).ThrowUnlessExitCodeIn(0);
        if (!File.Exists(Command))
        {
            throw new InvalidOperationException($"dotnet tool install reported success but {Command} does not exist.");
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>The text of one file in the package, or null when the package has no such entry.</summary>
    public string? ReadPackageFile(string entryPath)
    {
        using var package = ZipFile.OpenRead(PackagePath);
        var entry = package.GetEntry(entryPath);
        if (entry is null)
        {
            return null;
        }

        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    public IReadOnlyList<string> PackageEntries()
    {
        using var package = ZipFile.OpenRead(PackagePath);
        return [.. package.Entries.Select(e => e.FullName)];
    }

    public XDocument ReadNuspec() =>
        XDocument.Parse(ReadPackageFile($"{PackageId}.nuspec") ?? throw new InvalidOperationException($"{PackagePath} has no {PackageId}.nuspec."));
}
