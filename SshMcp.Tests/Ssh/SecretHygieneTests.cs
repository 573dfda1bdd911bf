using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Client;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh;

/// <summary>
/// Passwords and passphrases reach no log line at any level (Trace included, the MCP SDK's own message logging
/// included) and no tool result or error, in process and through the stdio transport.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class SecretHygieneTests(SshdFixture sshd)
{
    private const string WrongPassword = "Wr0ng-S3cret-Pa55word-7f3a";
    private const string Passphrase = "Pa55phrase-S3cret-91c2";

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Logs_AtTraceInProcess_NeverContainSecrets(string transport)
    {
        var results = new List<string>();
        await using (var server = await McpServerHarness.StartAsync())
        {
            var open = await server.OpenAsync(sshd, transport);
            results.Add(JsonSerializer.Serialize(open));
            results.Add(JsonSerializer.Serialize(await server.ExecAsync(open.SessionId, "echo hi")));
            results.Add(JsonSerializer.Serialize(await server.CloseAsync(open.SessionId)));
            results.Add(await server.CallErrorAsync("ssh_open", Arguments(WrongPassword, transport)));
            var withPassphrase = Arguments(null, transport);
            withPassphrase["privateKey"] = sshd.PrivateKeyText;
            withPassphrase["passphrase"] = Passphrase;
            results.Add(JsonSerializer.Serialize(await server.CallAsync<SshMcp.Server.Tools.OpenResult>("ssh_open", withPassphrase)));

            AssertNoSecret(server.Logs.Lines, "log");
            Assert.Contains(server.Logs.Lines, l => l.StartsWith("Debug", StringComparison.Ordinal) || l.StartsWith("Trace", StringComparison.Ordinal));
        }

        AssertNoSecret(results, "tool result");
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Logs_AtTraceOverStdio_NeverContainSecrets(string transport)
    {
        var stderr = new ConcurrentQueue<string>();
        var stdio = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "sshmcp",
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "SshMcp.Server.dll"), "--stdio", "--Logging:LogLevel:Default=Trace", "--SshMcp:KnownHostsPath=", "--SshMcp:SshConfigPath=none", "--SshMcp:AgentSocket=none", $"--SshMcp:HostKeyStorePath={Path.Combine(Path.GetTempPath(), $"sshmcp-{Guid.NewGuid():N}", "kh")}"],
            StandardErrorLines = stderr.Enqueue,
        });
        await using (var client = await McpClient.CreateAsync(stdio).WaitAsync(McpServerHarness.CallBound))
        {
            var open = await client.CallToolAsync("ssh_open", Arguments(sshd.Password, transport)).AsTask().WaitAsync(McpServerHarness.CallBound);
            Assert.NotEqual(true, open.IsError);
            var sessionId = open.StructuredContent!.Value.GetProperty("sessionId").GetString();
            var exec = await client.CallToolAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = sessionId, ["command"] = "echo hi" }).AsTask().WaitAsync(McpServerHarness.CallBound);
            Assert.Equal("hi\n", exec.StructuredContent!.Value.GetProperty("stdout").GetString());
            var failed = await client.CallToolAsync("ssh_open", Arguments(WrongPassword, transport)).AsTask().WaitAsync(McpServerHarness.CallBound);
            Assert.True(failed.IsError);
            AssertNoSecret([JsonSerializer.Serialize(open), JsonSerializer.Serialize(exec), JsonSerializer.Serialize(failed)], "tool result");
        }

        Assert.Contains(stderr, l => l.Contains("dbug:", StringComparison.Ordinal) || l.Contains("trce:", StringComparison.Ordinal));
        AssertNoSecret(stderr, "stderr log");
    }

    private Dictionary<string, object?> Arguments(string? password, string transport) => new()
    {
        ["host"] = sshd.Host,
        ["port"] = sshd.Port,
        ["username"] = sshd.Username,
        ["password"] = password,
        ["transport"] = transport,
    };

    private void AssertNoSecret(IEnumerable<string> lines, string where)
    {
        foreach (var line in lines)
        {
            foreach (var secret in new[] { sshd.Password, WrongPassword, Passphrase })
            {
                Assert.False(line.Contains(secret, StringComparison.Ordinal), $"a secret appeared in a {where}: {line.Replace(secret, "<SECRET>", StringComparison.Ordinal)}");
            }
        }
    }
}
