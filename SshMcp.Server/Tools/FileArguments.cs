using System.Globalization;

namespace SshMcp.Server.Tools;

/// <summary>Checks and conversions shared by the two file tools.</summary>
internal static class FileArguments
{
    public static void RequireSession(string sessionId)
    {
        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw ToolGuard.InvalidArgument("sessionId is required: pass the id ssh_open returned.");
        }
    }

    public static void RequirePath(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            throw ToolGuard.InvalidArgument("path is required: the file's path on the host (absolute, or relative to the session's cwd), without NUL characters.");
        }
    }

    public static string? LocalPath(string? localPath) => string.IsNullOrWhiteSpace(localPath) ? null : localPath;

    public static bool IsBase64(string? encoding) => encoding?.Trim().ToUpperInvariant() switch
    {
        null or "" or "TEXT" or "UTF-8" or "UTF8" => false,
        "BASE64" => true,
        _ => throw ToolGuard.InvalidArgument($"encoding must be text or base64 (got '{encoding}')."),
    };

    /// <summary>0644, 644 or 4755: octal permission bits.</summary>
    public static int? ParseMode(string? mode)
    {
        if (string.IsNullOrWhiteSpace(mode))
        {
            return null;
        }

        var digits = mode.Trim();
        if (digits.Length is < 3 or > 5 || !digits.All(c => c is >= '0' and <= '7') || Convert.ToInt32(digits, 8) > 0xFFF)
        {
            throw ToolGuard.InvalidArgument($"mode must be octal permissions such as 0644 or 0755 (got '{mode}').");
        }

        return Convert.ToInt32(digits, 8);
    }

    public static string FormatMode(int mode) => "0" + Convert.ToString(mode & 0xFFF, 8).PadLeft(3, '0');

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
