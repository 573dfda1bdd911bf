using System.Globalization;
using System.Text;
using SshMcp.Server.Options;
using SshMcp.Server.Ssh.Routes;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// The ssh_config a session's ssh reads (<c>-F</c>). ssh keeps the first value it reads for a setting, so the lines
/// before the user's files are the server's rules: host keys through the helper, strict, nothing written to the user's
/// known_hosts, no prompt but the helper's. Then the user's own files, as ssh would read them without <c>-F</c> (or
/// SshMcp:SshConfigPath). Then the server's defaults, which the user's files override. Unlike <c>-o</c> options, a
/// config file reaches the jump hosts too: ssh passes <c>-F</c> to the ssh it starts for each ProxyJump hop.
/// </summary>
internal static class OpenSshConfigFile
{
    /// <summary>The first line of every generated config: how a stale session directory is known to be ours.</summary>
    public const string FirstLine = "# Written by SshMcp for one session and removed with it.";

    private static readonly string[] DefaultIdentityNames = ["id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk"];

    /// <param name="route">The open's planned route: a hop whose approved address differs from its HostName connects there.</param>
    /// <param name="known">The target's one known key: ssh reads it from the session's file, and runs no KnownHostsCommand.</param>
    public static string Render(SessionDirectory directory, SshMcpOptions options, SshRoute? route = null, KnownTargetKey? known = null)
    {
        var text = new StringBuilder();
        void Line(string keyword, string value) => text.Append(keyword).Append(' ').Append(value).Append('\n');

        text.Append(FirstLine).Append('\n');
        if (known is null)
        {
            Line("KnownHostsCommand", $"{Quote(directory.Helper)} {HostKeyAnswers.RequestKind} %I %n %H %K");
        }
        else
        {
            Line("GlobalKnownHostsFile", string.Join(' ', known.GlobalFiles.Prepend(directory.KnownHosts).Select(Quote)));
        }

        Line("StrictHostKeyChecking", "yes");
        Line("CheckHostIP", "no");
        Line("UpdateHostKeys", "no");
        Line("BatchMode", "no");
        Line("NumberOfPasswordPrompts", "1");

        // Where the hop gate (the allow list) approved an address, ssh connects there and nowhere else: ssh resolves
        // no name the gate has not checked. Host keys stay known under the hop's own name, as on sshnet.
        var pinned = route?.Hops.Where(h => !string.Equals(h.ConnectHost, h.Config.HostName, StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
        foreach (var hop in pinned)
        {
            Line("Host", Quote(hop.Alias));
            Line("    HostName", hop.ConnectHost);
            Line("    HostKeyAlias", hop.Config.HostKeyAlias ?? hop.Config.HostName);
        }

        if (pinned.Count > 0)
        {
            Line("Match", "all");
        }

        foreach (var file in UserFiles(options.SshConfigPath))
        {
            Line("Include", Quote(file));
        }

        // Defaults: what the user's files leave unset.
        Line("Match", "all");
        if (options.KnownHostsPath is { } knownHosts)
        {
            Line("UserKnownHostsFile", knownHosts.Length == 0 ? "/dev/null" : Quote(knownHosts));
            Line("GlobalKnownHostsFile", "/dev/null");
        }

        if (!string.IsNullOrWhiteSpace(options.AgentSocket))
        {
            Line("IdentityAgent", options.AgentSocket.Trim() is var agent && agent.Equals("none", StringComparison.OrdinalIgnoreCase) ? "none" : Quote(agent));
        }

        if (!string.IsNullOrEmpty(options.KeyDirectory))
        {
            foreach (var name in DefaultIdentityNames)
            {
                Line("IdentityFile", Quote(Path.Combine(options.KeyDirectory, name)));
            }
        }

        if (options.KeepAliveSeconds > 0)
        {
            Line("ServerAliveInterval", options.KeepAliveSeconds.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>What ssh reads without <c>-F</c>, or the one file SshMcp:SshConfigPath names (none for <c>none</c>).</summary>
    private static IEnumerable<string> UserFiles(string? configPath) =>
        string.IsNullOrEmpty(configPath) ? ["~/.ssh/config", "/etc/ssh/ssh_config"]
        : configPath.Equals("none", StringComparison.OrdinalIgnoreCase) ? []
        : [configPath];

    /// <summary>Double quotes for ssh_config (which splits on spaces); a path holding a quote cannot be written.</summary>
    private static string Quote(string value) => value.Contains('"', StringComparison.Ordinal)
        ? throw new ArgumentException($"The path {value} holds a double quote, which ssh_config cannot express.", nameof(value))
        : $"\"{value}\"";
}
