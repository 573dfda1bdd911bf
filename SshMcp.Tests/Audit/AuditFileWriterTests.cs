using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SshMcp.Server.Audit;

namespace SshMcp.Tests.Audit;

/// <summary>The audit file itself: rotation by size, whole lines under concurrent writers, an existing file's mode kept.</summary>
public sealed class AuditFileWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sshmcp-audit-file-").FullName;

    private string AuditPath => Path.Combine(_directory, "audit.log");

    [Fact]
    public async Task Write_PastMaxBytes_RotatesAndKeepsMaxFiles()
    {
        using var writer = Writer(maxBytes: 100, maxFiles: 2);

        for (var i = 0; i < 8; i++)
        {
            await writer.WriteAsync(Line($"{{\"n\":{i},\"pad\":\"{new string('x', 30)}\"}}"));
        }

        Assert.True(new FileInfo(AuditPath).Length <= 100);
        Assert.True(File.Exists(AuditPath + ".1"));
        Assert.True(File.Exists(AuditPath + ".2"));
        Assert.False(File.Exists(AuditPath + ".3"));
        Assert.Contains("\"n\":7", await File.ReadAllTextAsync(AuditPath), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(AuditPath));
    }

    [Fact]
    public async Task Write_ManyConcurrentWriters_EveryLineWholeAndPresent()
    {
        using var writer = Writer(maxBytes: 64 * 1024 * 1024, maxFiles: 1);

        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
            await writer.WriteAsync(Line($"{{\"n\":{i},\"pad\":\"{new string('y', 500)}\"}}")))));
        var lines = await File.ReadAllLinesAsync(AuditPath);

        Assert.Equal(400, lines.Length);
        Assert.Equal(Enumerable.Range(0, 400), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("n").GetInt32()).Order());
    }

    [Fact]
    public async Task Write_ExistingFile_AppendsAndKeepsItsMode()
    {
        await File.WriteAllTextAsync(AuditPath, "{\"old\":true}\n");
        File.SetUnixFileMode(AuditPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        using var writer = Writer(maxBytes: 1024 * 1024, maxFiles: 1);

        await writer.WriteAsync(Line("{\"new\":true}"));

        Assert.Equal(["{\"old\":true}", "{\"new\":true}"], await File.ReadAllLinesAsync(AuditPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(AuditPath));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private AuditFileWriter Writer(long maxBytes, int maxFiles) =>
        new(Options.Create(new AuditOptions { Path = AuditPath, MaxBytes = maxBytes, MaxFiles = maxFiles }));

    private static byte[] Line(string json) => Encoding.UTF8.GetBytes(json + "\n");
}
