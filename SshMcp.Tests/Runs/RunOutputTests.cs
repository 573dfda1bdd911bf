using System.Security.Cryptography;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using SshMcp.Server.Runs;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Runs;

/// <summary>A foreground run's whole output, read back through ssh_output from the server's spool, on a real sshd.</summary>
[Collection(SshdCollection.Name)]
public sealed class RunOutputTests(SshdFixture sshd)
{
    // 12000 lines of one-, two-, three- and four-byte characters: about 370 kB.
    internal const string MixedUtf8 = "awk 'BEGIN { for (i = 0; i < 12000; i++) printf \"%05d h\\303\\251llo \\342\\202\\254 \\360\\237\\230\\200 \\342\\234\\223 \\320\\226\\n\", i }'";

    [Theory]
    [Transports]
    public async Task Output_MixedUtf8ReadByOffsets_ConcatenatesToTheBytesTheHostHashed(string transport)
    {
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.Client.OpenAsync(sshd, transport)).SessionId;
        var file = (await server.Client.ExecAsync(session, $"f=$(mktemp); {MixedUtf8} >\"$f\"; echo \"$f\"")).Stdout.Trim();
        var hostHash = (await server.Client.ExecAsync(session, $"sha256sum '{file}'")).Stdout.Split(' ')[0];

        var cat = await server.Client.ExecAsync(session, $"cat '{file}'; rm -f '{file}'");
        var read = await server.Client.ReadAllAsync(session, cat.RunId, maxBytes: 10_007);

        Assert.True(cat.Truncated);
        Assert.Contains("ssh_output", cat.Notice, StringComparison.Ordinal);
        Assert.True(read.Length > 300_000, $"only {read.Length} bytes");
        Assert.Equal(cat.StdoutBytes, read.Length);
        Assert.Equal(hostHash, Convert.ToHexStringLower(SHA256.HashData(read)));
    }

    [Fact]
    public async Task Output_TheOmittedMiddle_StartsWhereTheNoticeSays()
    {
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.OpenAsync(sshd)).SessionId;

        var run = await server.Client.ExecAsync(session, "seq 1 100000", maxOutputBytes: 1000);
        var offset = long.Parse(System.Text.RegularExpressions.Regex.Match(run.Notice!, "stdout from offset ([0-9]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var middle = await server.Client.OutputAsync(session, run.RunId, offset, maxBytes: 20);

        Assert.Equal(run.Stdout[..run.Stdout.IndexOf("\n[...", StringComparison.Ordinal)].Length, offset);
        Assert.Equal(string.Join('\n', Enumerable.Range(1, 200)).Substring((int)offset, 20), middle.Text);
        Assert.Equal((false, 0), (middle.Running, middle.ExitCode));
        Assert.Equal(588_895, middle.TotalBytes);
    }

    [Fact]
    public async Task Exec_MaxOutputBytes_ShowsThatMuchAndIsCappedAtTheLimit()
    {
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:MaxOutputBytesLimit"] = "200000" });
        var session = (await server.OpenAsync(sshd)).SessionId;

        var whole = await server.Client.ExecAsync(session, "head -c 100000 /dev/zero | tr '\\0' a", maxOutputBytes: 100_000);
        var capped = await server.Client.ExecAsync(session, "head -c 300000 /dev/zero | tr '\\0' b", maxOutputBytes: 1_000_000_000);

        Assert.Equal((new string('a', 100_000), false), (whole.Stdout, whole.Truncated));
        Assert.Equal(300_000 - 200_000, capped.StdoutOmittedBytes);
        Assert.Contains("maxOutputBytes was capped at the maximum of 200000", capped.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_BadOffsetsAndIds_AreAnsweredClearly()
    {
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.OpenAsync(sshd)).SessionId;
        var run = await server.Client.ExecAsync(session, "printf 12345");
        var unknown = RunIds.New(DateTimeOffset.UtcNow.AddHours(-26));

        var negative = await server.Client.CallErrorAsync(ToolNames.Output, RunCalls.OutputArguments(session, run.RunId, offset: -1));
        var past = await server.Client.CallErrorAsync(ToolNames.Output, RunCalls.OutputArguments(session, run.RunId, offset: 6));
        var atEnd = await server.Client.OutputAsync(session, run.RunId, offset: 5);
        var notAnId = await server.Client.CallErrorAsync(ToolNames.Output, RunCalls.OutputArguments(session, "run-1"));
        var notKnown = await server.Client.CallErrorAsync(ToolNames.Output, RunCalls.OutputArguments(session, unknown));
        var badStream = await server.Client.CallErrorAsync(ToolNames.Output, RunCalls.OutputArguments(session, run.RunId, stream: "both"));

        Assert.Contains("offset must be 0 or more (got -1)", negative, StringComparison.Ordinal);
        Assert.Contains("offset 6 is past the end of run", past, StringComparison.Ordinal);
        Assert.Contains("which has 5 bytes", past, StringComparison.Ordinal);
        Assert.Equal(("", 5L, 5L, false, 0), (atEnd.Text, atEnd.NextOffset, atEnd.TotalBytes, atEnd.Running, atEnd.ExitCode));
        Assert.Contains("is not a run id", notAnId, StringComparison.Ordinal);
        Assert.Contains("started 26 h ago", notKnown, StringComparison.Ordinal);
        Assert.Contains("stream must be stdout or stderr", badStream, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_SpoolFull_DropsTheOldestRunsOutputAndSaysSo()
    {
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:Output:SpoolBytesPerSession"] = "131072" });
        var session = (await server.OpenAsync(sshd)).SessionId;

        var first = await server.Client.ExecAsync(session, "seq 1 20000");
        var second = await server.Client.ExecAsync(session, "seq 1 20000");
        var firstAgain = await server.Client.OutputAsync(session, first.RunId);

        Assert.Contains("the spool dropped", second.Notice, StringComparison.Ordinal);
        Assert.True(firstAgain.TruncatedAtStart && firstAgain.Offset > 0, $"{firstAgain}");
        Assert.Contains("were dropped from the spool", firstAgain.Notice, StringComparison.Ordinal);
        Assert.Equal(second.StdoutBytes, (await server.Client.ReadAllAsync(session, second.RunId, 65_536)).Length);
    }

    [Fact]
    public async Task Close_RemovesTheSessionsSpool()
    {
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.OpenAsync(sshd)).SessionId;
        await server.Client.ExecAsync(session, "echo kept");
        var root = ((SpoolRoot)server.Services.GetService(typeof(SpoolRoot))!).Directory;
        var before = Directory.GetDirectories(root);

        await server.CloseAsync(session);

        Assert.Single(before);
        Assert.Empty(Directory.GetDirectories(root));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(root));
    }

    [Theory]
    [Transports]
    public async Task Exec_KillMinus9OfTheShell_Reports137AndThatTheShellEnded(string transport)
    {
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.Client.OpenAsync(sshd, transport)).SessionId;

        var result = await server.Client.ExecAsync(session, "echo before; kill -9 $$");

        Assert.Equal((137, true, "before\n"), (result.ExitCode, result.ShellEnded, result.Stdout));
        Assert.Contains("killed by signal KILL (exit status 137)", result.Notice, StringComparison.Ordinal);
        Assert.Contains("ssh_open", result.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_WithAProgressToken_ReportsGrowingBytesAndTheLastLine()
    {
        await using var server = await McpServerHarness.StartAsync();
        var session = (await server.OpenAsync(sshd)).SessionId;
        var reports = new ProgressRecorder();

        var result = await server.Client.CallToolAsync(
            ToolNames.Exec,
            new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "for i in 1 2 3 4 5; do echo \"step $i\"; sleep 1; done" },
            progress: reports).AsTask().WaitAsync(McpServerHarness.CallBound);

        Assert.NotEqual(true, result.IsError);
        var seen = reports.Values;
        Assert.True(seen.Count >= 2, $"{seen.Count} progress notifications");
        Assert.All(seen.Zip(seen.Skip(1)), pair => Assert.True(pair.Second.Progress > pair.First.Progress));
        Assert.Contains(seen, p => p.Message is "step 2" or "step 3" or "step 4");
    }
}
