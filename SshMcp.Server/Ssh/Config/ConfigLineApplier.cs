using System.Globalization;

namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// Applies one line of a keyword the built-in parser honours, with OpenSSH 9.2's checks and messages. Values are
/// checked even in a block that does not apply, as ssh does; they are stored only when <c>active</c>.
/// </summary>
internal static class ConfigLineApplier
{
    /// <summary>Applies <paramref name="line"/>; false when the keyword is not one we honour. Throws <see cref="FormatException"/>.</summary>
    public static bool TryApply(ConfigState state, ConfigLine line, bool active, bool userConfig, Func<string, string?> getEnvironmentVariable)
    {
        var args = line.Arguments;
        switch (line.Keyword)
        {
            case "user":
                state.User = First(active, state.User, Single(line));
                break;
            case "hostname":
                state.HostName = First(active, state.HostName, Single(line));
                break;
            case "hostkeyalias":
                state.HostKeyAlias = First(active, state.HostKeyAlias, Single(line));
                break;
            case "ignoreunknown":
                state.IgnoreUnknown = First(active, state.IgnoreUnknown, Single(line));
                break;
            case "port":
                var portText = Single(line);
                state.Port = First(active, state.Port, PortNumber.TryParse(portText, out var port) ? port : throw new FormatException($"Bad port '{portText}'."));
                break;
            case "identityfile" or "identityfile2":
                AddFile(state.IdentityFiles, Single(line), active, userConfig, ConfigState.MaxIdentityFiles, "identity");
                break;
            case "certificatefile":
                AddFile(state.CertificateFiles, Single(line), active, userConfig, ConfigState.MaxCertificateFiles, "certificate");
                break;
            case "identitiesonly":
                state.IdentitiesOnly = First(active, state.IdentitiesOnly, Flag(Single(line)));
                break;
            case "stricthostkeychecking":
                state.StrictHostKeyChecking = First(active, state.StrictHostKeyChecking, StrictMode(Single(line)));
                break;
            case "canonicalizehostname":
                state.CanonicalizeHostname = First(active, state.CanonicalizeHostname, Canonicalize(Single(line)));
                break;
            case "connecttimeout":
                state.ConnectTimeout = First(active, state.ConnectTimeout, Time(Single(line)));
                break;
            case "serveraliveinterval":
                state.ServerAliveInterval = First(active, state.ServerAliveInterval, Time(Single(line)));
                break;
            case "serveralivecountmax":
                state.ServerAliveCountMax = First(active, state.ServerAliveCountMax, Integer(Single(line)));
                break;
            case "userknownhostsfile":
                KnownHostsFiles(state, line, active);
                break;
            case "sendenv":
                SendEnv(state, args, active);
                break;
            case "setenv":
                SetEnv(state, args, active);
                break;
            case "identityagent":
                state.IdentityAgent = First(active, state.IdentityAgent, AgentPath(Single(line), getEnvironmentVariable));
                break;
            case "proxycommand":
                // A ProxyJump sets ProxyCommand to "none", so the first of the two wins; "ProxyJump none" does not block it.
                state.ProxyCommand = First(active, state.ProxyCommand, line.RawValue);

                break;
            case "proxyjump":
                ProxyJump(state, line.RawValue, active);
                break;
            default:
                return false;
        }

        return true;
    }

    // ssh's rule for most keywords: the value is checked always, stored only by the first line that applies.
    private static T? First<T>(bool active, T? current, T value)
        where T : class => active && current is null ? value : current;

    private static T? First<T>(bool active, T? current, T? value)
        where T : struct => active && current is null ? value : current;

    // parse_string and friends: one non-empty argument, nothing after it.
    private static string Single(ConfigLine line)
    {
        if (line.Arguments.Count == 0 || line.Arguments[0].Length == 0)
        {
            throw new FormatException("Missing argument.");
        }

        return line.Arguments.Count == 1
            ? line.Arguments[0]
            : throw new FormatException($"keyword {line.Keyword} extra arguments at end of line");
    }

    private static void AddFile(List<(string Path, bool FromUserConfig)> files, string path, bool active, bool userConfig, int max, string what)
    {
        if (!active)
        {
            return;
        }

        if (files.Count >= max)
        {
            throw new FormatException($"Too many {what} files specified (max {max}).");
        }

        if (!files.Contains((path, userConfig)))
        {
            files.Add((path, userConfig));
        }
    }

    private static bool Flag(string value) => value.ToLowerInvariant() switch
    {
        "yes" or "true" => true,
        "no" or "false" => false,
        _ => throw new FormatException($"unsupported option \"{value}\"."),
    };

    private static bool Canonicalize(string value) => value.ToLowerInvariant() switch
    {
        "yes" or "true" or "always" => true,
        "no" or "false" => false,
        _ => throw new FormatException($"unsupported option \"{value}\"."),
    };

    private static StrictHostKeyChecking StrictMode(string value) => value.ToLowerInvariant() switch
    {
        "yes" or "true" => StrictHostKeyChecking.Yes,
        "no" or "false" or "off" => StrictHostKeyChecking.No,
        "ask" => StrictHostKeyChecking.Ask,
        "accept-new" => StrictHostKeyChecking.AcceptNew,
        _ => throw new FormatException($"unsupported option \"{value}\"."),
    };

    // parse_time: "none" leaves the value unset, so a later line may still set it.
    private static int? Time(string value)
    {
        if (value == "none")
        {
            return null;
        }

        return SshTime.TryParseSeconds(value, out var seconds) ? seconds : throw new FormatException("invalid time value.");
    }

    private static int Integer(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"integer value {(value.All(char.IsAsciiDigit) ? "too large" : "invalid")}.");

    private static void KnownHostsFiles(ConfigState state, ConfigLine line, bool active)
    {
        var wasEmpty = state.UserKnownHostsFiles is null;
        for (var i = 0; i < line.Arguments.Count; i++)
        {
            var file = line.Arguments[i];
            if (file.Length == 0)
            {
                throw new FormatException($"keyword {line.Keyword} empty argument");
            }

            if (file.Equals("none", StringComparison.OrdinalIgnoreCase) && line.Arguments.Count > 1)
            {
                throw new FormatException($"keyword {line.Keyword} \"none\" argument must appear alone.");
            }

            if (active && wasEmpty)
            {
                state.UserKnownHostsFiles ??= [];
                if (state.UserKnownHostsFiles.Count >= ConfigState.MaxKnownHostsFiles)
                {
                    throw new FormatException($"too many {line.Keyword} entries.");
                }

                state.UserKnownHostsFiles.Add(file);
            }
        }
    }

    private static void SendEnv(ConfigState state, IReadOnlyList<string> args, bool active)
    {
        foreach (var name in args)
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal))
            {
                throw new FormatException("Invalid environment name.");
            }

            if (!active)
            {
                continue;
            }

            if (name[0] == '-')
            {
                state.SendEnv.RemoveAll(existing => SshPatterns.Matches(existing, name[1..]));
            }
            else
            {
                state.SendEnv.Add(name);
            }
        }
    }

    private static void SetEnv(ConfigState state, IReadOnlyList<string> args, bool active)
    {
        var applies = active && state.SetEnv is null;
        var entries = new List<string>();
        foreach (var entry in args)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new FormatException("Invalid SetEnv.");
            }

            if (!entries.Any(e => e.StartsWith(entry[..(equals + 1)], StringComparison.Ordinal)))
            {
                entries.Add(entry);
            }
        }

        if (applies && entries.Count > 0)
        {
            state.SetEnv = entries;
        }
    }

    // IdentityAgent: ${VAR} must be set now and a legacy $VAR must be a valid name; ~ and %tokens come later.
    private static string AgentPath(string value, Func<string, string?> getEnvironmentVariable)
    {
        try
        {
            TokenExpander.Expand(value, tokens: null, getEnvironmentVariable);
        }
        catch (FormatException)
        {
            throw new FormatException($"Invalid environment expansion {value}.");
        }

        if (value.Length > 1 && value[0] == '$' && value[1] != '{' && !value[1..].All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new FormatException($"Invalid environment name {value}.");
        }

        return value;
    }

    // parse_jump (OpenSSH 10.3, which Debian's 9.2 carries): "none" only blocks a later ProxyJump; a chain must
    // parse, and applies when neither a ProxyCommand nor a ProxyJump came first.
    private static void ProxyJump(ConfigState state, string value, bool active)
    {
        if (value.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            state.ProxyJump = First(active, state.ProxyJump, value);
            return;
        }

        if (!JumpHost.TryParseChain(value, out _))
        {
            throw new FormatException($"Invalid ProxyJump \"{value}\"");
        }

        if (active && state.ProxyCommand is null && state.ProxyJump is null)
        {
            var comment = value.IndexOf('#', StringComparison.Ordinal);
            state.ProxyJump = comment < 0 ? value : value[..comment].TrimEnd();
            state.ProxyCommand = "none";
        }
    }
}
