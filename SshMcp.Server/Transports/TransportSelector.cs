using Microsoft.Extensions.Options;
using SshMcp.Server.Options;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Transports;

/// <summary>
/// Picks the SSH client for an <c>ssh_open</c>: the call's <c>transport</c>, else <c>SshMcp:Transport</c>. <c>auto</c>
/// takes the system OpenSSH client when this machine has one (so the user's ssh_config, agent and jump hosts apply
/// as in their terminal) and SSH.NET otherwise (the container image).
/// </summary>
internal sealed class TransportSelector(IEnumerable<ISshTransport> transports, IOptions<SshMcpOptions> options)
{
    public const string Auto = "auto";

    private readonly Dictionary<string, ISshTransport> _byName = transports.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The names a call or the setting may use.</summary>
    public IEnumerable<string> Names => [Auto, .. _byName.Keys];

    public ISshTransport Select(string? requested)
    {
        var name = string.IsNullOrWhiteSpace(requested) ? options.Value.Transport : requested.Trim();
        if (string.Equals(name, Auto, StringComparison.OrdinalIgnoreCase))
        {
            return _byName.Values.FirstOrDefault(t => t is IAutoSelectable { IsAvailable: true }) ?? _byName[SshNet.SshNetTransport.TransportName];
        }

        return _byName.TryGetValue(name, out var transport)
            ? transport
            : throw new SshFailureException(SshFailureKind.InvalidArgument, $"Unknown transport '{name}': use {string.Join(", ", Names)}.");
    }
}
