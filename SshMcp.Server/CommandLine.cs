namespace SshMcp.Server;

/// <summary>The server's own switches; everything else is configuration (<c>--SshMcp:MaxOutputBytes=65536</c>).</summary>
internal sealed record CommandLine(bool Stdio, string[] ConfigurationArgs, int? Exit)
{
    public static CommandLine Parse(string[] args)
    {
        var stdio = false;
        var rest = new List<string>(args.Length);
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "--stdio":
                    stdio = true;
                    break;
                case "--http":
                    stdio = false;
                    break;
                case "--version":
                    Console.WriteLine(ServerVersion.Current);
                    return new CommandLine(false, [], 0);
                case "--help" or "-h" or "-?":
                    Console.WriteLine(Help);
                    return new CommandLine(false, [], 0);
                default:
                    rest.Add(arg);
                    break;
            }
        }

        stdio |= string.Equals(Environment.GetEnvironmentVariable("SSHMCP_TRANSPORT"), "stdio", StringComparison.OrdinalIgnoreCase);
        return new CommandLine(stdio, [.. rest], null);
    }

    public const string Help = """
        SshMcp: an MCP server that runs commands on remote hosts over persistent SSH sessions.

        Usage: sshmcp [--stdio | --http] [--Setting=value ...]

          --stdio      Serve MCP over stdin/stdout (for clients that start the server).
          --http       Serve Streamable HTTP at POST /mcp (the default); PORT sets the port (3000), HOST the address (127.0.0.1).
          --version    Print the version.
          --help       Print this text.

        Settings are .NET configuration keys, e.g. --SshMcp:DefaultTimeoutMs=120000; see the README for all of them.
        """;
}
