using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SshMcp.Server.Principals;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Audit;

/// <summary>
/// The audit log on real tool calls (real client, real sshd): one start and one end line per call with who, where,
/// what and how it ended; the file is 0600; no secret and no session id is ever in it; a log that cannot be written
/// stops the call before anything connects.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class AuditLogTests(SshdFixture sshd) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sshmcp-audit-").FullName;

    private string AuditPath => Path.Combine(_directory, "logs", "audit.log");

    [Fact]
    public async Task Calls_WriteStartAndEndRecordsWithWhoWhereWhatAndOutcome()
    {
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:Audit:Path"] = AuditPath });

        var session = (await server.OpenAsync(sshd)).SessionId;
        await server.ExecAsync(session, "echo hello");
        await server.ExecAsync(session, "false");
        await server.ExecAsync(session, "sleep 5", timeoutMs: 300);
        await server.CloseAsync(session);
        var records = Records();

        Assert.Equal(10, records.Count);
        Assert.All(records, r => Assert.Equal(Principal.LocalUser.Id, r.GetProperty("principal").GetString()));
        Assert.All(records, r => Assert.Equal("tests", r.GetProperty("client").GetString()));
        Assert.All(records.Skip(2), r => Assert.Equal($"{sshd.Username}@{sshd.Host}:{sshd.Port}", $"{r.GetProperty("user")}@{r.GetProperty("host")}:{r.GetProperty("port")}"));
        Assert.Equal(["start", "end"], records.Take(2).Select(r => r.GetProperty("phase").GetString()));
        Assert.Equal(records[2].GetProperty("call").GetString(), records[3].GetProperty("call").GetString());
        Assert.Equal(session[..9] + "…", records[1].GetProperty("session").GetString());
        var ends = records.Where(r => r.GetProperty("phase").GetString() == "end").ToList();
        Assert.Equal(["ssh_open", "ssh_exec", "ssh_exec", "ssh_exec", "ssh_close"], ends.Select(r => r.GetProperty("tool").GetString()));
        Assert.Equal(["ok", "ok", "nonzero", "timeout", "ok"], ends.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal("echo hello", ends[1].GetProperty("command").GetString());
        Assert.All(ends, r => Assert.Equal("sshnet", r.GetProperty("transport").GetString()));
        Assert.Equal(0, ends[1].GetProperty("exitCode").GetInt32());
        Assert.Equal(6, ends[1].GetProperty("bytesOut").GetInt64());
        Assert.Equal(1, ends[2].GetProperty("exitCode").GetInt32());
        Assert.True(ends[3].GetProperty("timedOut").GetBoolean());
        Assert.All(ends, r => Assert.True(r.GetProperty("durationMs").GetInt64() >= 0));
        Assert.False(records[0].TryGetProperty("outcome", out _), "a start record has no outcome");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(AuditPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(AuditPath)!));
        var text = await File.ReadAllTextAsync(AuditPath);
        Assert.DoesNotContain(sshd.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(session, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_FailingTool_RecordsTheErrorKind()
    {
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:Audit:Path"] = AuditPath });

        await server.CallErrorAsync(ToolNames.Open, new Dictionary<string, object?>
        {
            ["host"] = sshd.Host, ["port"] = sshd.Port, ["username"] = sshd.Username, ["password"] = "wrong-" + sshd.Password,
        });
        await server.CallErrorAsync(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = "s00000000", ["command"] = "" });
        var ends = Records().Where(r => r.GetProperty("phase").GetString() == "end").ToList();

        Assert.Equal(["error", "error"], ends.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(["authentication_failed", "invalid_argument"], ends.Select(r => r.GetProperty("error").GetString()));
        Assert.DoesNotContain(sshd.Password, await File.ReadAllTextAsync(AuditPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_CommandsHash_RecordsTheSha256InsteadOfTheText()
    {
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["SshMcp:Audit:Path"] = AuditPath,
            ["SshMcp:Audit:Commands"] = "hash",
        });
        var session = (await server.OpenAsync(sshd)).SessionId;

        await server.ExecAsync(session, "echo confidential-42");
        var exec = Records().Last();

        Assert.False(exec.TryGetProperty("command", out _));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("echo confidential-42"))), exec.GetProperty("commandSha256").GetString());
        Assert.DoesNotContain("confidential-42", await File.ReadAllTextAsync(AuditPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_AuditPathNotWritable_FailsClosedAndConnectsNothing()
    {
        var notADirectory = Path.Combine(_directory, "file");
        await File.WriteAllTextAsync(notADirectory, "");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:Audit:Path"] = Path.Combine(notADirectory, "audit.log") });

        var error = await server.CallErrorAsync(ToolNames.Open, new Dictionary<string, object?>
        {
            ["host"] = "127.0.0.1", ["port"] = port, ["username"] = sshd.Username, ["password"] = sshd.Password,
        });

        Assert.Contains("ssh_open was not run: the audit log could not be written", error, StringComparison.Ordinal);
        Assert.False(listener.Pending(), "nothing may connect when the audit record cannot be written");
        Assert.Contains(server.Logs.Lines, l => l.Contains("[1301]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_AuditPathNotWritableAndFailOpen_RunsAndLogsTheFailure()
    {
        var notADirectory = Path.Combine(_directory, "file");
        await File.WriteAllTextAsync(notADirectory, "");
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["SshMcp:Audit:Path"] = Path.Combine(notADirectory, "audit.log"),
            ["SshMcp:Audit:FailClosed"] = "false",
        });

        var opened = await server.OpenAsync(sshd);

        Assert.Equal("ok\n", (await server.ExecAsync(opened.SessionId, "echo ok")).Stdout);
        Assert.Contains(server.Logs.Lines, l => l.Contains("[1301]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_AuditLogOn_EmitsEachRecordAsAStructuredLogEvent()
    {
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:Audit:Log"] = "true" });
        var session = (await server.OpenAsync(sshd)).SessionId;

        await server.ExecAsync(session, "echo via-log");

        Assert.Contains(server.Logs.Lines, l => l.Contains("SshMcp.Audit[1300]", StringComparison.Ordinal) && l.Contains("end", StringComparison.Ordinal) && l.Contains("echo via-log", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(sshd.Password, StringComparison.Ordinal));
        Assert.False(File.Exists(AuditPath));
    }

    [Fact]
    public async Task Calls_OverHttpWithEverySecretKind_NoSecretReachesTheFile()
    {
        const string Passphrase = "audit-passphrase-5c1f";
        var settings = Http.HttpSessionOwnershipTests.NamedTokens();
        settings["SshMcp:Audit:Path"] = AuditPath;
        await using var server = await HttpServerHarness.StartAsync(settings);
        var alice = await server.ConnectAsync(Http.HttpSessionOwnershipTests.AliceToken);

        var withPassword = (await alice.OpenAsync(sshd)).SessionId;
        var withKey = await alice.CallAsync<OpenResult>(ToolNames.Open, new Dictionary<string, object?>
        {
            ["host"] = sshd.Host, ["port"] = sshd.Port, ["username"] = sshd.Username, ["privateKey"] = sshd.PrivateKeyText,
        });
        await alice.CallErrorAsync(ToolNames.Open, new Dictionary<string, object?>
        {
            ["host"] = sshd.Host, ["port"] = sshd.Port, ["username"] = sshd.Username,
            ["privateKeyPath"] = Path.Combine(_directory, "missing-key"), ["passphrase"] = Passphrase,
        });
        await alice.ExecAsync(withPassword, "true");
        var text = await File.ReadAllTextAsync(AuditPath);
        var keyBody = sshd.PrivateKeyText.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1];

        Assert.All(Records(), r => Assert.Equal("token:alice", r.GetProperty("principal").GetString()));
        Assert.Equal(8, Records().Count);
        Assert.DoesNotContain(sshd.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(keyBody, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Passphrase, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Http.HttpSessionOwnershipTests.AliceToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(withPassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain(withKey.SessionId, text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private List<JsonElement> Records() =>
        [.. File.ReadAllLines(AuditPath).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
}
