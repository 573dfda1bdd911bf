namespace SshMcp.Server;

/// <summary>
/// The server's command line: its own switches (<c>--stdio</c>, <c>--http</c>, <c>--version</c>, <c>--help</c>) and
/// .NET configuration arguments (<c>--SshMcp:MaxOutputBytes=65536</c>, <c>--SshMcp:DefaultTimeoutMs 120000</c>,
/// <c>--PORT=8080</c>). Anything else is refused with exit code 2, so a typo never starts a server that silently
/// ignores what was asked.
/// </summary>
internal sealed record CommandLine(bool Stdio, string[] ConfigurationArgs, int? Exit)
{
    /// <summary>The exit code for a command line that cannot be understood (as getopt-style tools use).</summary>
    public const int UsageError = 2;

    /// <summary>Selects the transport like the switches do (<c>stdio</c> or <c>http</c>); a switch wins over it.</summary>
    public const string TransportVariable = "SSHMCP_TRANSPORT";

    private const string StdioSwitch = "--stdio";
    private const string HttpSwitch = "--http";
    private const string VersionSwitch = "--version";
    private const string HelpSwitch = "--help";
    private const string SettingPrefix = "--";

    /// <summary>Keys without a section that may also be written <c>--key value</c>; others need <c>=</c> or a section.</summary>
    private static readonly string[] FlatKeys = ["PORT", "HOST"];

    private static readonly string[] Switches = [StdioSwitch, HttpSwitch, VersionSwitch, HelpSwitch];

    public static string Help => $"""
        SshMcp {ServerVersion.Current}: an MCP server that runs commands on remote hosts over persistent SSH sessions.

        Usage: sshmcp [--stdio | --http] [--Key=value | --Section:Key value]...

          --stdio       Serve MCP over stdin and stdout, for a client that starts the server. Logs go to stderr.
          --http        Serve Streamable HTTP at POST /mcp (the default).
          --version     Print the version and exit.
          -h, --help    Print this help and exit.

        Settings are .NET configuration keys, from the command line or the environment (SshMcp__DefaultTimeoutMs=120000):
          --PORT=3000                        HTTP port (also --PORT 3000)
          --HOST=127.0.0.1                   HTTP bind address, also SshMcp:Http:BindAddress
          --SshMcp:DefaultTimeoutMs=60000    ssh_exec timeout when a call names none
        The README lists every setting.

        Environment:
          SSH_AUTH_SOCK        the ssh-agent whose keys ssh_open uses when given no password or key
          SSH_PRIVATE_KEY      private key text used when ssh_open is given no password or key
          SSHMCP_AUTH_TOKEN    bearer token required on every HTTP request; needed to listen beyond loopback
          {TransportVariable}     stdio or http, as the switches (a switch wins)

        Exit code 2: the command line was not understood.
        """;

    /// <summary>Parses the process's arguments; prints help, version or a usage error itself.</summary>
    public static CommandLine Parse(string[] args) =>
        Parse(args, Environment.GetEnvironmentVariable(TransportVariable), Console.Out, Console.Error);

    /// <summary>Parses <paramref name="args"/>; help and version go to <paramref name="output"/>, errors to <paramref name="error"/>.</summary>
    internal static CommandLine Parse(IReadOnlyList<string> args, string? transportVariable, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        string? transportSwitch = null;
        var configuration = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case StdioSwitch or HttpSwitch:
                    if (transportSwitch is not null && transportSwitch != arg)
                    {
                        return Fail(error, $"{StdioSwitch} and {HttpSwitch} contradict each other; give one of them.");
                    }

                    transportSwitch = arg;
                    continue;
                case VersionSwitch:
                    output.WriteLine(ServerVersion.Current);
                    return Done();
                case HelpSwitch or "-h" or "-?":
                    output.WriteLine(Help);
                    return Done();
                case "--":
                    // An end-of-options marker that a launcher may pass along; the switches and settings look the same after it.
                    continue;
            }

            if (ReadSetting(args, ref i) is { } setting)
            {
                configuration.AddRange(setting);
                continue;
            }

            return Fail(error, Unknown(args, i));
        }

        var stdio = transportSwitch is not null
            ? transportSwitch == StdioSwitch
            : ParseTransportVariable(transportVariable);
        return stdio is { } isStdio
            ? new CommandLine(isStdio, [.. configuration], null)
            : Fail(error, $"{TransportVariable} must be 'stdio' or 'http'; it is '{transportVariable}'.");
    }

    /// <summary>
    /// A configuration argument starting at <paramref name="index"/>: <c>--Key=value</c>, or <c>--Section:Key value</c>
    /// and <c>--PORT value</c> (the value is the next argument, which then may not look like an option). Null if
    /// the argument is not one; the index moves past a consumed value.
    /// </summary>
    private static string[]? ReadSetting(IReadOnlyList<string> args, ref int index)
    {
        var arg = args[index];
        if (!arg.StartsWith(SettingPrefix, StringComparison.Ordinal) || arg.Length == SettingPrefix.Length)
        {
            return null;
        }

        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            return equals > SettingPrefix.Length ? [arg] : null;
        }

        var key = arg[SettingPrefix.Length..];
        var takesValue = key.Contains(':', StringComparison.Ordinal)
            || FlatKeys.Contains(key, StringComparer.OrdinalIgnoreCase);
        if (!takesValue || index + 1 >= args.Count || args[index + 1].StartsWith(SettingPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        index++;
        return [arg, args[index]];
    }

    private static string Unknown(IReadOnlyList<string> args, int index)
    {
        var arg = args[index];
        var key = arg.StartsWith(SettingPrefix, StringComparison.Ordinal) ? arg[SettingPrefix.Length..] : arg;
        var message = $"unknown argument '{arg}'.";
        var near = Switches.FirstOrDefault(s => string.Equals(s[SettingPrefix.Length..], arg.TrimStart('-', '/'), StringComparison.OrdinalIgnoreCase));
        if (near is not null)
        {
            return $"{message} Did you mean '{near}'?";
        }

        if (key.Contains(':', StringComparison.Ordinal) || FlatKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return $"'{arg}' needs a value: write {arg}=VALUE or {arg} VALUE.";
        }

        return $"{message} Settings are written --Key=value or --Section:Key value, e.g. --SshMcp:DefaultTimeoutMs=120000.";
    }

    private static bool? ParseTransportVariable(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "HTTP" => false,
        "STDIO" => true,
        _ => null,
    };

    private static CommandLine Done() => new(false, [], 0);

    private static CommandLine Fail(TextWriter error, string message)
    {
        error.WriteLine($"sshmcp: {message}");
        error.WriteLine("Run 'sshmcp --help' for usage.");
        return new CommandLine(false, [], UsageError);
    }
}
