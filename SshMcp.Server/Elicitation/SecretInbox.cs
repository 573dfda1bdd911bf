using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Elicitation;

/// <summary>
/// The questions open on the secret page, by capability id. A question leaves when it is answered (the page takes it
/// out first, so an id works once), refused, closed by its waiter, or when it expires after
/// <see cref="ElicitationOptions.TimeoutSeconds"/>; an id that left, or never was, reads the same: not found.
/// </summary>
internal sealed class SecretInbox(IOptions<ElicitationOptions> options, TimeProvider time, ILogger<SecretInbox> logger)
{
    private readonly ConcurrentDictionary<string, (PendingSecret Pending, ITimer Expiry)> _open = new(StringComparer.Ordinal);

    /// <summary>Raised whenever a question opens or leaves (the stdio page listener stops when none is open).</summary>
    public event Action? Changed;

    public TimeSpan Timeout => options.Value.Timeout;

    public int Count => _open.Count;

    public PendingSecret Open(SecretPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var pending = new PendingSecret(NewId(32), NewId(12), prompt, time.GetUtcNow() + Timeout, Remove);
        var expiry = time.CreateTimer(static state => ((SecretInbox)state!).Expire(), this, System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
        _open[pending.Id] = (pending, expiry);
        expiry.Change(Timeout, System.Threading.Timeout.InfiniteTimeSpan);
        ElicitationLog.Asking(logger, pending.ElicitationId, prompt.What, prompt.Target);
        Changed?.Invoke();
        return pending;
    }

    /// <summary>An open question (for showing its page); null when the id is unknown, used or expired.</summary>
    public PendingSecret? Find(string id) =>
        _open.TryGetValue(id, out var entry) && !IsExpired(entry.Pending) ? entry.Pending : null;

    /// <summary>Takes a question out to answer it: this succeeds once per id, so an answer can never be sent twice.</summary>
    public PendingSecret? Take(string id)
    {
        if (!_open.TryRemove(id, out var entry))
        {
            return null;
        }

        entry.Expiry.Dispose();
        Changed?.Invoke();
        if (IsExpired(entry.Pending))
        {
            entry.Pending.TryRefuse(Failures.SecretTimedOut(entry.Pending.Prompt, Timeout));
            return null;
        }

        return entry.Pending;
    }

    private bool IsExpired(PendingSecret pending) => time.GetUtcNow() >= pending.ExpiresAt;

    private void Remove(PendingSecret pending)
    {
        if (_open.TryRemove(pending.Id, out var entry))
        {
            entry.Expiry.Dispose();
            Changed?.Invoke();
        }
    }

    /// <summary>Ends every question past its time (each has a timer; one sweep also covers any that fire together).</summary>
    private void Expire()
    {
        foreach (var (id, (pending, _)) in _open)
        {
            if (IsExpired(pending) && Take(id) is null)
            {
                ElicitationLog.Expired(logger, pending.ElicitationId, (long)Timeout.TotalSeconds);
            }
        }
    }

    private static string NewId(int bytes)
    {
        Span<byte> random = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(random);
        return Base64Url.EncodeToString(random);
    }
}
