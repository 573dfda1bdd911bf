using System.Security.Cryptography;
using SshMcp.Server.Runs;
using SshMcp.Server.Transports;

namespace SshMcp.Tests.Runs;

/// <summary>The spool on a real temporary directory: what is written reads back by offset; the budget drops the oldest first.</summary>
public sealed class RunSpoolTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sshmcp-spool-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Read_AfterWritesInPieces_ReturnsTheExactBytesOfEachRunAndStream()
    {
        using var spool = new RunSpool(_directory, 1024 * 1024);
        var first = spool.Begin("r1");
        var out1 = RandomNumberGenerator.GetBytes(300_000);
        WriteInPieces(first, RemoteStream.Stdout, out1);
        first.Stderr.Write("err"u8);
        spool.Complete(first, 0);
        var second = spool.Begin("r2");
        second.Stdout.Write("second"u8);

        Assert.Equal(out1, ReadAll(spool, first, RemoteStream.Stdout));
        Assert.Equal("err"u8.ToArray(), ReadAll(spool, first, RemoteStream.Stderr));
        Assert.Equal("second"u8.ToArray(), ReadAll(spool, second, RemoteStream.Stdout));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory));
    }

    [Fact]
    public void Append_PastTheBudget_DropsTheOldestRunFirstAndSaysHowMuch()
    {
        const long budget = 256 * 1024;
        using var spool = new RunSpool(_directory, budget);
        var old = spool.Begin("r1");
        WriteInPieces(old, RemoteStream.Stdout, new byte[200 * 1024]);
        spool.Complete(old, 0);
        var recent = spool.Begin("r2");
        var data = RandomNumberGenerator.GetBytes(200 * 1024);
        WriteInPieces(recent, RemoteStream.Stdout, data);

        var oldRead = spool.Read(old, RemoteStream.Stdout, 0, new byte[16]);
        Assert.True(oldRead.FirstKept > 0, "the oldest run kept all its output");
        Assert.Equal(data, ReadAll(spool, recent, RemoteStream.Stdout));
        Assert.True(recent.DroppedOthersBytes > 0);
        Assert.True(DiskBytes() <= budget, $"{DiskBytes()} bytes on disk, budget {budget}");
    }

    [Fact]
    public void Append_OneRunLargerThanTheBudget_KeepsItsEndAndReadsFromTheFirstKeptByte()
    {
        const long budget = 128 * 1024;
        using var spool = new RunSpool(_directory, budget);
        var run = spool.Begin("r1");
        var data = RandomNumberGenerator.GetBytes(1024 * 1024);
        WriteInPieces(run, RemoteStream.Stdout, data);

        var buffer = new byte[64 * 1024];
        var read = spool.Read(run, RemoteStream.Stdout, 0, buffer);

        Assert.Equal(data.Length, read.TotalBytes);
        Assert.True(read.Offset > 0 && read.Offset == read.FirstKept);
        Assert.Equal(data.AsSpan((int)read.Offset, read.Count).ToArray(), buffer.AsSpan(0, read.Count).ToArray());
        Assert.True(DiskBytes() <= budget);
        Assert.Equal(0, run.DroppedOthersBytes);
    }

    [Fact]
    public void Begin_PastTheEntryLimit_ForgetsTheOldestAndKnowsItWasDropped()
    {
        using var spool = new RunSpool(_directory, 0);
        for (var i = 0; i <= RunSpool.MaxEntries; i++)
        {
            spool.Complete(spool.Begin("r" + i), 0);
        }

        Assert.Null(spool.Find("r0"));
        Assert.True(spool.WasDropped("r0"));
        Assert.NotNull(spool.Find("r1"));
        Assert.False(Directory.Exists(_directory), "a spool that keeps nothing made a directory");
    }

    [Fact]
    public void Dispose_DeletesTheDirectory()
    {
        var spool = new RunSpool(_directory, 1024 * 1024);
        spool.Begin("r1").Stdout.Write("x"u8);

        spool.Dispose();

        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void Progress_CountsBothStreamsAndShowsTheLastLineOfTheStreamWrittenLast()
    {
        using var spool = new RunSpool(_directory, 0);
        var run = spool.Begin("r1");
        run.Stdout.Write("compiling a\ncompiling b\n"u8);
        run.Stderr.Write("\u001b[33mwarning: x\u001b[0m\r\n"u8);

        Assert.Equal((45L, "warning: x"), spool.Progress(run));
    }

    private static void WriteInPieces(SpoolEntry entry, RemoteStream stream, byte[] data)
    {
        var sink = stream == RemoteStream.Stdout ? entry.Stdout : entry.Stderr;
        for (var at = 0; at < data.Length; at += 7_000)
        {
            sink.Write(data.AsSpan(at, Math.Min(7_000, data.Length - at)));
        }
    }

    private static byte[] ReadAll(RunSpool spool, SpoolEntry entry, RemoteStream stream)
    {
        using var all = new MemoryStream();
        var buffer = new byte[10_000];
        long offset = 0;
        while (true)
        {
            var read = spool.Read(entry, stream, offset, buffer);
            Assert.Equal(offset, read.Offset);
            if (read.Count == 0)
            {
                return all.ToArray();
            }

            all.Write(buffer, 0, read.Count);
            offset += read.Count;
        }
    }

    private long DiskBytes() => Directory.EnumerateFiles(_directory).Sum(f => new FileInfo(f).Length);
}
