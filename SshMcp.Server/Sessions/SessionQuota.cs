using SshMcp.Server.Options;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Sessions;

/// <summary>
/// Counts sessions, open and opening, in total and per owner, so that concurrent <c>ssh_open</c> calls cannot race
/// past <see cref="SshMcpOptions.MaxSessions"/> or <see cref="SshMcpOptions.MaxSessionsPerClient"/>. A slot is taken
/// before connecting and given back when the open fails or the session is removed. The per-client limit applies to
/// owned sessions (HTTP clients); in stdio mode the one client is bounded by the total alone.
/// </summary>
internal sealed class SessionQuota(int maxTotal, int maxPerOwner)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _perOwner = new(StringComparer.Ordinal);
    private int _total;

    public int Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>Takes a slot for <paramref name="owner"/>, or throws a <see cref="SshFailureKind.LimitReached"/> failure that names the limit.</summary>
    public void Take(string? owner)
    {
        lock (_lock)
        {
            if (_total >= maxTotal)
            {
                throw new SshFailureException(
                    SshFailureKind.LimitReached,
                    $"This server already has {_total} SSH sessions open or opening (the limit, {SshMcpOptions.SectionName}:{nameof(SshMcpOptions.MaxSessions)}). Close sessions you no longer need with ssh_close.");
            }

            if (owner is not null)
            {
                var owned = _perOwner.GetValueOrDefault(owner);
                if (owned >= maxPerOwner)
                {
                    throw new SshFailureException(
                        SshFailureKind.LimitReached,
                        $"This client already has {owned} SSH sessions open or opening (the limit, {SshMcpOptions.SectionName}:{nameof(SshMcpOptions.MaxSessionsPerClient)}). ssh_list shows them; close those you no longer need with ssh_close.");
                }

                _perOwner[owner] = owned + 1;
            }

            _total++;
        }
    }

    /// <summary>Gives back a slot taken by <see cref="Take"/>.</summary>
    public void Return(string? owner)
    {
        lock (_lock)
        {
            _total--;
            if (owner is not null && _perOwner.TryGetValue(owner, out var owned))
            {
                if (owned <= 1)
                {
                    _perOwner.Remove(owner);
                }
                else
                {
                    _perOwner[owner] = owned - 1;
                }
            }
        }
    }
}
