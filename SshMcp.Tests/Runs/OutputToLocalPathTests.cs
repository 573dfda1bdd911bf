using System.Security.Cryptography;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Runs;

/// <summary>
/// <c>ssh_output</c> with <c>localPath</c>: a run's output saved whole to a file on the server's machine (from the spool
/// for a foreground run, from the host for a background one), byte for byte what the host produced, on a real sshd.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class OutputToLocalPathTests(SshdFixture sshd) : IAsyncLifetime
{
    private string _root = "";

    public Task InitializeAsync()
    {
        _root = Directory.CreateTempSubdirectory("sshmcp-output-").FullName;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [Transports]
    public async Task Output_LocalPath_SavesTheWholeForegroundOutputAsTheHostHashedIt(string transport)
    {
        await using var server = await StartAsync();
        var session = (await server.Client.OpenAsync(sshd, transport)).SessionId;
        var hostHash = (await server.Client.ExecAsync(session, $"{RunOutputTests.MixedUtf8} | sha256sum")).Stdout.Split(' ')[0];
        var run = await server.Client.ExecAsync(session, RunOutputTests.MixedUtf8);

        var saved = await server.Client.CallAsync<OutputResult>(ToolNames.Output, Arguments(session, run.RunId, "whole.txt"));
        var tail = await server.Client.CallAsync<OutputResult>(ToolNames.Output, Arguments(session, run.RunId, "tail.txt", offset: 1000));

        var bytes = await File.ReadAllBytesAsync(Path.Combine(_root, "whole.txt"));
        Assert.True(run.Truncated);
        Assert.Equal(run.StdoutBytes, bytes.Length);
        Assert.Equal(hostHash, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(("", 0L, run.StdoutBytes, run.StdoutBytes, false), (saved.Text, saved.Offset, saved.NextOffset, saved.TotalBytes, saved.Running));
        Assert.Contains($"sha256 {hostHash}", saved.Notice, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "whole.txt"), saved.Notice, StringComparison.Ordinal);
        Assert.Equal(bytes[1000..], await File.ReadAllBytesAsync(Path.Combine(_root, "tail.txt")));
        Assert.Equal((1000L, run.StdoutBytes), (tail.Offset, tail.NextOffset));
        Assert.Empty(Directory.GetFiles(_root, "*.part", SearchOption.AllDirectories));
    }

    [Theory]
    [Transports]
    public async Task Output_LocalPath_SavesABackgroundRunFromTheHostInSeveralReads(string transport)
    {
        await using var server = await StartAsync();
        var session = (await server.Client.OpenAsync(sshd, transport)).SessionId;
        // About 6.9 MB: more than one read from the host.
        const string command = "seq 1 1000000";
        var hostHash = (await server.Client.ExecAsync(session, $"{command} | sha256sum")).Stdout.Split(' ')[0];
        var run = await server.Client.ExecAsync(session, command, background: true);
        var end = await server.Client.WaitForEndAsync(session, run.RunId);

        var saved = await server.Client.CallAsync<OutputResult>(ToolNames.Output, Arguments(session, run.RunId, "seq.txt"));

        var bytes = await File.ReadAllBytesAsync(Path.Combine(_root, "seq.txt"));
        Assert.Equal((false, 0), (end.Running, end.ExitCode));
        Assert.Equal(6_888_896, bytes.Length);
        Assert.Equal(hostHash, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal((0L, bytes.LongLength, bytes.LongLength, 0), (saved.Offset, saved.NextOffset, saved.TotalBytes, saved.ExitCode));
        Assert.Contains($"sha256 {hostHash}", saved.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_LocalPathOutsideTheRootOrTurnedOff_IsRefusedClearly()
    {
        await using var server = await StartAsync();
        await using var off = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:Files:LocalRoot"] = "none" });
        var session = (await server.OpenAsync(sshd)).SessionId;
        var offSession = (await off.OpenAsync(sshd)).SessionId;
        var run = await server.Client.ExecAsync(session, "echo hi");
        var offRun = await off.Client.ExecAsync(offSession, "echo hi");

        var outside = await server.Client.CallErrorAsync(ToolNames.Output, Arguments(session, run.RunId, "../escape.txt"));
        var disabled = await off.Client.CallErrorAsync(ToolNames.Output, Arguments(offSession, offRun.RunId, "x.txt"));

        Assert.Contains("outside the directory this server may use", outside, StringComparison.Ordinal);
        Assert.Contains("localPath is off on this server", disabled, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_root)!, "escape.txt")));
    }

    private Task<McpServerHarness> StartAsync() =>
        McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:Files:LocalRoot"] = _root });

    private static Dictionary<string, object?> Arguments(string session, string runId, string localPath, long offset = 0) =>
        new(RunCalls.OutputArguments(session, runId, offset)) { ["localPath"] = localPath };
}
