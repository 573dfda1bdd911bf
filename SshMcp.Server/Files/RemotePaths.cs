using System.Security.Cryptography;

namespace SshMcp.Server.Files;

/// <summary>
/// Host paths, which are POSIX whatever this machine is. A relative path resolves against the session's cwd, as a
/// command in its shell would see it; <c>~</c> and <c>~/…</c> against the login directory, where SFTP servers and
/// exec channels start (so they are passed on relative). Nothing here touches the host.
/// </summary>
internal static class RemotePaths
{
    private const int MaxTempNameStem = 180;

    /// <summary>The path to give the host: absolute, or relative to the login directory.</summary>
    public static string Resolve(string cwd, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == "~")
        {
            return ".";
        }

        if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            return path[2..].TrimStart('/') is { Length: > 0 } rest ? rest : ".";
        }

        if (path.StartsWith('/') || string.IsNullOrEmpty(cwd))
        {
            return path;
        }

        return cwd.EndsWith('/') ? cwd + path : cwd + "/" + path;
    }

    /// <summary>The directory part: <c>/a/b</c> for <c>/a/b/c</c>, <c>/</c> for <c>/c</c>, <c>.</c> for <c>c</c>.</summary>
    public static string Directory(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash switch
        {
            < 0 => ".",
            0 => "/",
            _ => trimmed[..slash],
        };
    }

    /// <summary>The last component.</summary>
    public static string Name(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    public static string Join(string directory, string name) =>
        directory.EndsWith('/') ? directory + name : directory + "/" + name;

    /// <summary>
    /// A fresh hidden name beside <paramref name="path"/> for the temp file of an atomic write: same directory, so the
    /// rename stays on one file system; random, so two writers never share one.
    /// </summary>
    public static string TempSibling(string path)
    {
        var name = Name(path);
        var stem = name.Length <= MaxTempNameStem ? name : name[..MaxTempNameStem];
        return Join(Directory(path), $".{stem}.sshmcp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp");
    }
}
