using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh;

namespace SshMcp.Tests.Sessions;

public sealed class SessionQuotaTests
{
    [Fact]
    public void Take_PastThePerClientLimit_FailsForThatClientOnly()
    {
        var quota = new SessionQuota(maxTotal: 10, maxPerOwner: 2);
        quota.Take("a");
        quota.Take("a");

        var refused = Assert.Throws<SshFailureException>(() => quota.Take("a"));
        quota.Take("b");

        Assert.Contains("MaxSessionsPerClient", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, quota.Total);
    }

    [Fact]
    public void Take_PastTheTotal_FailsForEveryone()
    {
        var quota = new SessionQuota(maxTotal: 2, maxPerOwner: 2);
        quota.Take("a");
        quota.Take(null);

        var refused = Assert.Throws<SshFailureException>(() => quota.Take("b"));

        Assert.Contains("SshMcp:MaxSessions", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Return_AfterTake_FreesTheSlot()
    {
        var quota = new SessionQuota(maxTotal: 1, maxPerOwner: 1);
        quota.Take("a");
        quota.Return("a");

        quota.Take("b");

        Assert.Equal(1, quota.Total);
    }

    [Fact]
    public void Take_NoOwner_IsBoundByTheTotalOnly()
    {
        var quota = new SessionQuota(maxTotal: 5, maxPerOwner: 1);

        for (var i = 0; i < 5; i++)
        {
            quota.Take(null);
        }

        Assert.Throws<SshFailureException>(() => quota.Take(null));
    }

    [Fact]
    public void Take_ManyAtOnce_NeverPassesTheLimit()
    {
        var quota = new SessionQuota(maxTotal: 100, maxPerOwner: 7);
        var taken = 0;

        Parallel.For(0, 80, _ =>
        {
            try
            {
                quota.Take("a");
                Interlocked.Increment(ref taken);
            }
            catch (SshFailureException)
            {
            }
        });

        Assert.Equal(7, taken);
        Assert.Equal(7, quota.Total);
    }
}
