using SshMcp.Server.Principals;
using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh;

namespace SshMcp.Tests.Sessions;

public sealed class SessionQuotaTests
{
    private static readonly Principal A = Principal.Token("a");
    private static readonly Principal B = Principal.Token("b");

    [Fact]
    public void Take_PastThePerPrincipalLimit_FailsForThatPrincipalOnly()
    {
        var quota = new SessionQuota(maxTotal: 10, maxPerOwner: 2);
        quota.Take(A);
        quota.Take(A);

        var refused = Assert.Throws<SshFailureException>(() => quota.Take(A));
        quota.Take(B);

        Assert.Contains("MaxSessionsPerPrincipal", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, quota.Total);
    }

    [Fact]
    public void Take_PastTheTotal_FailsForEveryone()
    {
        var quota = new SessionQuota(maxTotal: 2, maxPerOwner: 2);
        quota.Take(A);
        quota.Take(Principal.LocalUser);

        var refused = Assert.Throws<SshFailureException>(() => quota.Take(B));

        Assert.Contains("SshMcp:MaxSessions", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Return_AfterTake_FreesTheSlot()
    {
        var quota = new SessionQuota(maxTotal: 1, maxPerOwner: 1);
        quota.Take(A);
        quota.Return(A);

        quota.Take(B);

        Assert.Equal(1, quota.Total);
    }

    [Fact]
    public void Take_LocalUser_IsBoundByThePerPrincipalLimitLikeAnyone()
    {
        var quota = new SessionQuota(maxTotal: 5, maxPerOwner: 1);
        quota.Take(Principal.LocalUser);

        Assert.Throws<SshFailureException>(() => quota.Take(Principal.LocalUser));
        quota.Take(A);
        Assert.Equal(2, quota.Total);
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
                quota.Take(A);
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
