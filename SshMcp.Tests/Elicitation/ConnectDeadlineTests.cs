using Microsoft.Extensions.Time.Testing;
using SshMcp.Server.Sessions;

namespace SshMcp.Tests.Elicitation;

public sealed class ConnectDeadlineTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Token_NoPause_FiresAtTheTimeout()
    {
        using var deadline = new ConnectDeadline(TimeSpan.FromSeconds(10), _time);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(deadline.Token.IsCancellationRequested);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void Pause_WhileAPersonTypes_TimeDoesNotCount()
    {
        using var deadline = new ConnectDeadline(TimeSpan.FromSeconds(10), _time);
        _time.Advance(TimeSpan.FromSeconds(4));

        using (deadline.Pause())
        {
            _time.Advance(TimeSpan.FromMinutes(4));
            Assert.False(deadline.Token.IsCancellationRequested);
        }

        _time.Advance(TimeSpan.FromSeconds(5.9));
        Assert.False(deadline.Token.IsCancellationRequested);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void Pause_Overlapping_ResumesOnlyAfterTheLast()
    {
        using var deadline = new ConnectDeadline(TimeSpan.FromSeconds(1), _time);

        var first = deadline.Pause();
        var second = deadline.Pause();
        first.Dispose();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(deadline.Token.IsCancellationRequested);
        second.Dispose();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(deadline.Token.IsCancellationRequested);
    }
}
