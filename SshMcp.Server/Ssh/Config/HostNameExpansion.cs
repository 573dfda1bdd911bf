using System.Net;

namespace SshMcp.Server.Ssh.Config;

/// <summary>HostName's tokens: only <c>%h</c> (the alias) and <c>%%</c>, as in ssh.</summary>
internal static class HostNameExpansion
{
    public static string Expand(ConfigState state, string alias)
    {
        if (state.HostName is not { } hostName)
        {
            return alias;
        }

        try
        {
            return TokenExpander.Expand(hostName, new Dictionary<char, string> { ['h'] = alias }, getEnvironmentVariable: null);
        }
        catch (FormatException e)
        {
            throw SshConfigErrors.Invalid($"{state.HostNameOrigin}: HostName \"{hostName}\": {e.Message}");
        }
    }

    /// <summary>The name ssh connects to: lower case, unless it is an address (ssh leaves those alone).</summary>
    public static string Normalize(string host) =>
        host.Contains('%', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal)
            || host.All(c => char.IsAsciiDigit(c) || c == '.') || IPAddress.TryParse(host, out _)
            ? host
            : host.ToLowerInvariant();
}
