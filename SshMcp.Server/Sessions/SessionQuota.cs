using SshMcp.Server.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Sessions;

/// <summary>
/// Counts sessions, open and opening, in total and per principal, so that concurrent <c>ssh_open</c> calls cannot race
/// past <see cref="SshMcpOptions.MaxSessions"/> or <see cref="SshMcpOptions.MaxSessionsPerPrincipal"/>. A slot is
/// taken before connecting and given back when the open fails or the session is removed.
/// </summary>
internal sealed class SessionQuota(int maxTotal, int maxPerOwner)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Principal, int> _perOwner = [];
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
    public void Take(Principal owner)
    {
        lock (_lock)
        {
            if (_total >= maxTotal)
            {
                throw new SshFailureException(
                    SshFailureKind.LimitReached,
                    $"This server already has {_total} SSH sessions open or opening (the limit, {SshMcpOptions.SectionName}:{nameof(SshMcpOptions.MaxSessions)}). Close sessions you no longer need with ssh_close.");
            }

            var owned = _perOwner.GetValueOrDefault(owner);
            if (owned >= maxPerOwner)
            {
                throw new SshFailureException(
                    SshFailureKind.LimitReached,
                    $"You already have {owned} SSH sessions open or opening (the limit per user, {SshMcpOptions.SectionName}:{nameof(SshMcpOptions.MaxSessionsPerPrincipal)}). ssh_list shows them; close those you no longer need with ssh_close.");
            }

            _perOwner[owner] = owned + 1;
            _total++;
        }
    }

    /// <summary>Gives back a slot taken by <see cref="Take"/>.</summary>
    public void Return(Principal owner)
    {
        lock (_lock)
        {
            _total--;
            if (_perOwner.TryGetValue(owner, out var owned))
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
