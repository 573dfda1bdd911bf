namespace SshMcp.Server.Ssh.Agent;

/// <summary>
/// Which ssh-agent socket to use and which setting named it, for messages ("the ssh-agent at /run/a.sock
/// (SSH_AUTH_SOCK)"). The target's IdentityAgent comes first, then the server's SshMcp:AgentSocket, then
/// <c>SSH_AUTH_SOCK</c>; <c>none</c> in either setting turns the agent off.
/// </summary>
internal sealed record AgentLocation(string SocketPath, string Origin)
{
    public const string AuthSocketVariable = "SSH_AUTH_SOCK";
    public const string OptionName = "SshMcp:AgentSocket";
    private const string Off = "none";

    public static AgentLocation? Resolve(string? identityAgent, string? agentSocketOption, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(identityAgent))
        {
            return FromSetting(identityAgent.Trim(), "IdentityAgent", environment);
        }

        if (!string.IsNullOrWhiteSpace(agentSocketOption))
        {
            return FromSetting(agentSocketOption.Trim(), OptionName, environment);
        }

        return FromVariable(AuthSocketVariable, environment);
    }

    public override string ToString() => $"{SocketPath} ({Origin})";

    private static AgentLocation? FromSetting(string value, string origin, Func<string, string?> environment)
    {
        if (value.Equals(Off, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (value == AuthSocketVariable)
        {
            return FromVariable(AuthSocketVariable, environment);
        }

        if (value.StartsWith('$'))
        {
            return FromVariable(value.TrimStart('$').Trim('{', '}'), environment);
        }

        if (value.StartsWith("~/", StringComparison.Ordinal) && environment("HOME") is { Length: > 0 } home)
        {
            value = Path.Combine(home, value[2..]);
        }

        return new AgentLocation(value, origin);
    }

    private static AgentLocation? FromVariable(string name, Func<string, string?> environment) =>
        environment(name) is { Length: > 0 } path ? new AgentLocation(path, name) : null;
}
