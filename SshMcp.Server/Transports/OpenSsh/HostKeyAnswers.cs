using SshMcp.Server.Ssh.HostKeys;
using SshMcp.Server.Ssh.Routes;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// The server's host key checks inside ssh: ssh runs the helper as its KnownHostsCommand with the key it was shown
/// (<c>hostkey %I %n %H %K</c>), and the answer is a known_hosts line for that key when <see cref="HostKeyTrust"/>
/// trusts it (the user's files, the server's store, the policy, the pin), or nothing. ssh is told
/// StrictHostKeyChecking=yes, so it accepts a key only when its own files or this answer vouch for it; a key its own
/// files list as changed or revoked is refused whatever the answer. The target and every jump host are checked, since
/// the jump hosts' ssh reads the same generated config; the pin applies to the target only (<c>%n</c> names the host
/// as ssh was asked for it). Every verdict is kept: the target's goes into ssh_open's result, the first refusal into
/// the error, and the trusted new ones into the store once the login succeeded.
/// </summary>
/// <param name="route">The open's route: a hop it names (<c>%n</c>) is checked as sshnet checks it, with its own
/// ssh_config host key settings (UserKnownHostsFile, HostKeyAlias, StrictHostKeyChecking), so a key the user's own
/// file lists otherwise is refused even though ssh would take this answer beside that file.</param>
internal sealed class HostKeyAnswers(HostKeyTrust trust, string targetAlias, string? pinnedFingerprint, SshRoute? route = null)
{
    public const string RequestKind = "hostkey";

    private readonly Lock _gate = new();
    private readonly List<Verdict> _verdicts = [];

    /// <summary>The target's verdict, once ssh asked.</summary>
    public Verdict? Target
    {
        get
        {
            lock (_gate)
            {
                return _verdicts.LastOrDefault(v => v.IsTarget);
            }
        }
    }

    /// <summary>The first key refused, target or jump host; its message names both fingerprints and the file to edit.</summary>
    public Verdict? FirstRefusal
    {
        get
        {
            lock (_gate)
            {
                return _verdicts.FirstOrDefault(v => !v.Decision.Trusted);
            }
        }
    }

    /// <param name="fields"><c>hostkey</c>, why ssh asks (<c>HOSTNAME</c>, <c>ADDRESS</c> or <c>ORDER</c>), the host as asked for, the known_hosts name and the base64 key.</param>
    public string? Answer(IReadOnlyList<string> fields)
    {
        // Only the check of the name is answered: ORDER comes before the key is known (the helper answers it alone),
        // ADDRESS only with CheckHostIP.
        if (fields.Count != 5 || fields[1] != "HOSTNAME" || !KnownHostName.TryParseLookupName(fields[3], out var host, out var port))
        {
            return null;
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(fields[4]);
        }
        catch (FormatException)
        {
            return null;
        }

        var isTarget = string.Equals(fields[2], targetAlias, StringComparison.OrdinalIgnoreCase);
        var hop = route?.Hops.FirstOrDefault(h => string.Equals(h.Alias, fields[2], StringComparison.OrdinalIgnoreCase) && h.IsTarget == isTarget);
        var scope = hop is null ? null : HostKeyScope.For(hop.Config, isTarget ? pinnedFingerprint : null);
        var decision = scope is null ? trust.Check(host, port, blob, isTarget ? pinnedFingerprint : null) : trust.Check(scope, blob);
        lock (_gate)
        {
            _verdicts.Add(new Verdict(host, port, blob, decision, isTarget) { Hop = hop, Scope = scope });
        }

        return decision.Trusted && HostKeyBlob.TryReadKeyType(blob, out var keyType) ? $"{fields[3]} {keyType} {fields[4]}" : null;
    }

    /// <summary>Records the keys trusted for the first time, now that the login succeeded.</summary>
    public void LoginSucceeded()
    {
        List<Verdict> verdicts;
        lock (_gate)
        {
            verdicts = [.. _verdicts];
        }

        foreach (var verdict in verdicts.Where(v => v.Decision.Trusted))
        {
            if (verdict.Scope is { } scope)
            {
                trust.Accepted(scope, verdict.KeyBlob, verdict.Decision);
            }
            else
            {
                trust.Accepted(verdict.Host, verdict.Port, verdict.KeyBlob, verdict.Decision);
            }
        }
    }

    internal sealed record Verdict(string Host, int Port, byte[] KeyBlob, HostKeyDecision Decision, bool IsTarget)
    {
        /// <summary>The route's hop this key was shown for, when ssh named one of them.</summary>
        public RouteHop? Hop { get; init; }

        public HostKeyScope? Scope { get; init; }
    }
}
