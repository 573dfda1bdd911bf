using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SshMcp.Server.Options;

namespace SshMcp.Server.Runs;

/// <summary>
/// This server process's spool directory, <c>sshmcp-spool-PID-RANDOM</c> under the system's temporary directory (or
/// <c>SshMcp:Output:SpoolDirectory</c>), made 0700 on first use, with one <see cref="RunSpool"/> per session inside.
/// Removed when the server stops; the directories of server processes that died without removing theirs are removed
/// when the next one makes its own.
/// </summary>
internal sealed class SpoolRoot(IOptions<SshMcpOptions> options) : IDisposable
{
    private const string Prefix = "sshmcp-spool-";

    private readonly Lazy<string> _directory = new(() => Create(options.Value.Output.SpoolDirectory));
    private readonly long _budget = options.Value.Output.SpoolBytesPerSession;

    public string Directory => _directory.Value;

    public RunSpool CreateSessionSpool()
    {
        var name = "s" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return new RunSpool(_budget > 0 ? Path.Combine(Directory, name) : "", _budget);
    }

    public void Dispose()
    {
        if (_directory.IsValueCreated)
        {
            TryDelete(_directory.Value);
        }
    }

    private static string Create(string? configured)
    {
        var parent = string.IsNullOrWhiteSpace(configured) ? Path.GetTempPath() : configured;
        RemoveAbandoned(parent);
        var path = Path.Combine(parent, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}"));
        PrivateFiles.CreateDirectory(path);
        return path;
    }

    private static void RemoveAbandoned(string parent)
    {
        try
        {
            foreach (var candidate in System.IO.Directory.EnumerateDirectories(parent, Prefix + "*"))
            {
                var pid = Path.GetFileName(candidate)[Prefix.Length..].Split('-')[0];
                if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && !ProcessAlive(id))
                {
                    TryDelete(candidate);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing to clean here, or not ours to clean.
        }
    }

    private static bool ProcessAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another user's directory, or one in use: left alone.
        }
    }
}
