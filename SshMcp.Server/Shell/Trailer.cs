using System.Globalization;

namespace SshMcp.Server.Shell;

/// <summary>The frame's trailer, <c>exitCode;cwd</c>, as printed by <c>__sshmcp_e</c>.</summary>
internal readonly record struct Trailer(int ExitCode, string Cwd)
{
    public static bool TryParse(string? text, out Trailer trailer)
    {
        trailer = default;
        if (text is null)
        {
            return false;
        }

        var separator = text.IndexOf(';', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        trailer = new Trailer(code, text[(separator + 1)..]);
        return true;
    }
}
