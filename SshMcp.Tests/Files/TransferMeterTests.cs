using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using SshMcp.Server.Files;

namespace SshMcp.Tests.Files;

public sealed class TransferMeterTests
{
    [Fact]
    public void Add_WithinTheFirstSecond_ReportsNothing()
    {
        var time = new FakeTimeProvider();
        var reports = new List<TransferStatus>();
        using var meter = new TransferMeter(100, new SyncProgress(reports.Add), time);

        meter.Add(new byte[60]);
        time.Advance(TimeSpan.FromMilliseconds(900));
        meter.Add(new byte[40]);
        meter.Finish();

        Assert.Empty(reports);
    }

    [Fact]
    public void Add_PastTheFirstSecond_ReportsAtMostFourTimesASecondAndOnceAtTheEnd()
    {
        var time = new FakeTimeProvider();
        var reports = new List<TransferStatus>();
        using var meter = new TransferMeter(1000, new SyncProgress(reports.Add), time);

        time.Advance(TimeSpan.FromSeconds(1));
        meter.Add(new byte[100]);
        meter.Add(new byte[100]);
        time.Advance(TimeSpan.FromMilliseconds(250));
        meter.Add(new byte[800]);
        meter.Finish();

        Assert.Equal([new(100, 1000), new(1000, 1000), new(1000, 1000)], reports);
    }

    [Fact]
    public void Sha256_OfEverythingAdded_AndStableWhenAskedAgain()
    {
        using var meter = new TransferMeter(6, null, TimeProvider.System);
        meter.Add("abc"u8);
        meter.Add("def"u8);

        var expected = Convert.ToHexStringLower(SHA256.HashData("abcdef"u8));
        Assert.Equal(expected, meter.Sha256());
        Assert.Equal(expected, meter.Sha256());
        Assert.Equal(6, meter.Done);
    }

    private sealed class SyncProgress(Action<TransferStatus> report) : IProgress<TransferStatus>
    {
        public void Report(TransferStatus value) => report(value);
    }
}
