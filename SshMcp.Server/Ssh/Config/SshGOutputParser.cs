using System.Globalization;

namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// Reads what <c>ssh -G</c> prints: one <c>keyword value</c> per line, keywords in lower case, list settings
/// (identityfile, certificatefile, sendenv, setenv) one entry per line, userknownhostsfile on one line. Unset
/// proxyjump, proxycommand, identityagent and hostkeyalias are absent; <c>none</c> jumps are absent too.
/// </summary>
internal static class SshGOutputParser
{
    public static EffectiveConfig Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                var key = line[..space];
                if (!values.TryGetValue(key, out var list))
                {
                    values[key] = list = [];
                }

                list.Add(line[(space + 1)..].TrimEnd('\r'));
            }
        }

        string? One(string key) => values.TryGetValue(key, out var list) ? list[0] : null;
        string Required(string key) => One(key) ?? throw SshConfigErrors.Invalid($"ssh -G printed no '{key}'");
        IReadOnlyList<string> All(string key) => values.TryGetValue(key, out var list) ? list : [];
        int Number(string key, int fallback) =>
            One(key) is { } text ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;

        var knownHosts = One("userknownhostsfile");
        var globalKnownHosts = One("globalknownhostsfile");
        var connectTimeout = One("connecttimeout");
        return new EffectiveConfig
        {
            HostArg = Required("host"),
            User = Required("user"),
            HostName = Required("hostname"),
            Port = Number("port", EffectiveConfig.DefaultPort),
            IdentityFiles = All("identityfile"),
            IdentitiesOnly = One("identitiesonly") is "yes" or "true",
            CertificateFiles = All("certificatefile"),
            ProxyJump = One("proxyjump"),
            ProxyCommand = One("proxycommand"),
            UserKnownHostsFiles = knownHosts is null or "none" ? [] : knownHosts.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            GlobalKnownHostsFiles = globalKnownHosts is null ? null : globalKnownHosts == "none" ? [] : globalKnownHosts.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            StrictHostKeyChecking = One("stricthostkeychecking") switch
            {
                "true" or "yes" => StrictHostKeyChecking.Yes,
                "false" or "no" or "off" => StrictHostKeyChecking.No,
                "accept-new" => StrictHostKeyChecking.AcceptNew,
                _ => StrictHostKeyChecking.Ask,
            },
            ConnectTimeoutSeconds = connectTimeout is null or "none" ? null : int.Parse(connectTimeout, NumberStyles.None, CultureInfo.InvariantCulture),
            ServerAliveIntervalSeconds = Number("serveraliveinterval", 0),
            ServerAliveCountMax = Number("serveralivecountmax", EffectiveConfig.DefaultServerAliveCountMax),
            SetEnv = All("setenv"),
            SendEnv = All("sendenv"),
            IdentityAgent = One("identityagent"),
            HostKeyAlias = One("hostkeyalias"),
        };
    }
}
