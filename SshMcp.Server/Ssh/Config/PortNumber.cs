using System.Globalization;

namespace SshMcp.Server.Ssh.Config;

/// <summary>A port as ssh_config writes it: a decimal number from 1 to 65535 (service names are not looked up).</summary>
internal static class PortNumber
{
    public static bool TryParse(string text, out int port)
    {
        port = 0;
        return text.Length is > 0 and <= 5
            && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is >= 1 and <= 65535;
    }
}
