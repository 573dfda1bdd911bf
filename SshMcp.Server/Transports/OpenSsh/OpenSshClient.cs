using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SshMcp.Server.Ssh.Config;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// The system OpenSSH client, found once (the first <c>ssh</c> on PATH) and asked its version: the transport needs
/// OpenSSH 8.7 or later (KnownHostsCommand came in 8.5; SessionType, StdinNull and ForkAfterAuthentication in 8.7).
/// </summary>
internal sealed partial class OpenSshClient
{
    public static readonly Version MinimumVersion = new(8, 7);
    private static readonly TimeSpan VersionBound = TimeSpan.FromSeconds(5);

    private readonly Lazy<(string? Path, Version? Version)> _found;

    public OpenSshClient(Func<string?>? find = null)
    {
        _found = new Lazy<(string?, Version?)>(() =>
        {
            var path = (find ?? (() => SshProgram.Find()))();
            return (path, path is null ? null : ReadVersion(path));
        });
    }

    /// <summary>The ssh program, or null when there is none.</summary>
    public string? Path => _found.Value.Path;

    /// <summary>Its version, or null when it could not be read.</summary>
    public Version? Version => _found.Value.Version;

    public bool IsUsable => Path is not null && Version is { } version && version >= MinimumVersion;

    /// <summary>Reads <c>OpenSSH_9.2p1</c> from what <c>ssh -V</c> prints on stderr.</summary>
    public static Version? ParseVersion(string text)
    {
        var match = VersionPattern().Match(text);
        return match.Success
            ? new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;
    }

    private static Version? ReadVersion(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(path, "-V")
            {
                UseShellExecute = false,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            });
            if (process is null)
            {
                return null;
            }

            // ssh -V prints one short line, far less than a pipe holds: waiting before reading cannot deadlock.
            if (!process.WaitForExit(VersionBound))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return ParseVersion(process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd());
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"OpenSSH_(\d+)\.(\d+)")]
    private static partial Regex VersionPattern();
}
