using System.Text.Json;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SshMcp.Tests.Clients;

/// <summary>
/// ssh_open without its secrets through the official TypeScript SDK clients that declare URL-mode elicitation: SDK 1.x
/// (2025-11-25, elicitation/create) and SDK 2.x pinned to 2026-07-28 (input-required, the client calls again), over
/// stdio and HTTP. The driver plays the person: it opens each link and sends the page's form over HTTP, as a browser
/// does. Then every place a secret could leak is searched: each message the client saw, its answers, the server's
/// logs at Trace, every span in this process, every file in the server's home.
/// </summary>
[Collection(ClientsCollection.Name)]
public sealed class UrlElicitationClientTests(SshdFixture sshd, OtpSshdFixture otp, ITestOutputHelper output)
    : IClassFixture<OtpSshdFixture>, IClassFixture<NodeClientsFixture>
{
    private static readonly Dictionary<string, string> TraceLogs = new() { ["Logging:LogLevel:Default"] = "Trace" };

    public static TheoryData<string, string> Rows { get; } = new()
    {
        { TypeScriptClient.Sdk1, ServerUnderTest.Stdio },
        { TypeScriptClient.Sdk1, ServerUnderTest.Http },
        { TypeScriptClient.Sdk2Pinned, ServerUnderTest.Stdio },
        { TypeScriptClient.Sdk2Pinned, ServerUnderTest.Http },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Open_WithoutSecrets_PersonAnswersOnThePage_NoSecretAnywhere(string kind, string transport)
    {
        using var spans = new SpanTextRecorder();
        await using var server = await ServerUnderTest.StartAsync(transport, settings: TraceLogs);
        var replies = new List<string>();
        var client = await server.StartClientAsync(kind, elicitUrl: true, wholeStderr: true);
        try
        {
            Assert.True(client.Connected.Ok, $"{kind} over {transport} could not connect: {client.Connected.ErrorMessage}\n{client.Stderr}");
            await client.PlanAsync(
                new { action = "accept", submit = "before", secret = sshd.Password },
                new { action = "accept", submit = "after", secret = otp.Password },
                new { action = "accept", submit = "before", secret = otp.OneTimeCode });

            foreach (var host in new[] { sshd, otp })
            {
                var open = await client.CallAsync(ToolNames.Open, Target(host));
                replies.Add(open.Raw);
                Assert.False(open.IsError, $"{kind} over {transport}: ssh_open {host.Port} failed: {open.Describe()}\n{client.Stderr}");
                var id = await client.CallAsync(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = open.Field("sessionId"), ["command"] = "id -un" });
                replies.Add(id.Raw);
                Assert.Equal($"{host.Username}\n", id.Field("stdout"));
            }

            var seen = await client.SeenAsync();
            var elicitations = seen.Elicitations;
            Assert.Equal(3, elicitations.Count);
            Assert.All(elicitations, e => Assert.Equal("url", e.GetProperty("mode").GetString()));
            Assert.All(elicitations, e => Assert.Equal(kind == TypeScriptClient.Sdk1, e.GetProperty("hasElicitationId").GetBoolean()));
            Assert.All(elicitations, e => Assert.Equal(200, e.GetProperty("page").GetProperty("status").GetInt32()));
            Assert.All(elicitations, e => Assert.Equal([200], e.GetProperty("posts").EnumerateArray().Select(p => p.GetInt32())));
            Assert.Contains("needs your password", PageText(elicitations[0]), StringComparison.Ordinal);
            Assert.Contains("The server asks: Password:", PageText(elicitations[1]), StringComparison.Ordinal);
            Assert.Contains(OtpSshdFixture.CodeInstruction, PageText(elicitations[2]), StringComparison.Ordinal);

            var places = new Dictionary<string, IEnumerable<string>>
            {
                ["a message the client saw"] = seen.Transcript,
                ["the client's answers"] = replies,
                ["the page as the client's person saw it"] = elicitations.Select(e => e.GetRawText()),
                ["a span"] = spans.Spans,
                ["a file in the server's home"] = FilesUnder(server.Home),
            };
            // Over stdio the server's log is the client's stderr, whole once both have exited.
            await client.DisposeAsync();
            places["a log line"] = server.HttpLogs?.Lines ?? (IEnumerable<string>)[client.Stderr];
            Assert.Contains(places["a log line"], l => l.Contains("dbug:", StringComparison.Ordinal) || l.StartsWith("Debug", StringComparison.Ordinal));
            Assert.Contains(places["a log line"], l => l.Contains("answered on the page", StringComparison.Ordinal));
            Assert.NotEmpty(seen.Transcript);
            AssertNowhere(places, sshd.Password, otp.Password, otp.OneTimeCode);
            output.WriteLine($"{kind} over {transport}: {seen.Transcript.Count} messages, {spans.Spans.Count} spans searched");
        }
        finally
        {
            await client.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(TypeScriptClient.Sdk1, ServerUnderTest.Http)]
    [InlineData(TypeScriptClient.Sdk2Pinned, ServerUnderTest.Stdio)]
    public async Task Open_BadAnswers_EachFailsClearlyAndOpensNothing(string kind, string transport)
    {
        await using var server = await ServerUnderTest.StartAsync(transport, settings: new Dictionary<string, string> { ["SshMcp:Elicitation:TimeoutSeconds"] = "10" });
        await using var client = await server.StartClientAsync(kind, elicitUrl: true);
        await client.PlanAsync(
            new { action = "decline" },
            new { action = "cancel" },
            new { action = "accept", submit = "page-cancel" },
            new { action = "accept", submit = "never" },
            new { action = "accept", submit = "twice", secret = sshd.Password });

        await FailsAsync(client, "was declined");
        await FailsAsync(client, "was dismissed");
        await FailsAsync(client, "was declined");
        await FailsAsync(client, "was entered within 10 s");
        var reused = await client.CallAsync(ToolNames.Open, Target(sshd));
        Assert.False(reused.IsError, reused.Describe());

        var seen = await client.SeenAsync();
        Assert.Equal([200, 404], seen.Elicitations[4].GetProperty("posts").EnumerateArray().Select(p => p.GetInt32()));
        var list = await client.CallAsync(ToolNames.List, new Dictionary<string, object?>());
        Assert.Equal(1, list.StructuredContent!.Value.GetProperty("sessions").GetArrayLength());
    }

    [Fact]
    public async Task Open_ClientWithoutUrlElicitation_GetsTheErrorOfOld()
    {
        await using var server = await ServerUnderTest.StartAsync(ServerUnderTest.Stdio);
        await using var client = await server.StartClientAsync(TypeScriptClient.Sdk2Pinned);

        var open = await client.CallAsync(ToolNames.Open, Target(sshd));

        Assert.True(open.IsError, open.Describe());
        Assert.Contains("pass password, privateKey or privateKeyPath", open.Text, StringComparison.Ordinal);
    }

    private async Task FailsAsync(TypeScriptClient client, string expected)
    {
        var open = await client.CallAsync(ToolNames.Open, Target(sshd));
        Assert.True(open.IsError, $"expected a failure saying \"{expected}\", got {open.Describe()}");
        Assert.Contains(expected, open.Text, StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Target(SshdFixture sshd) => new()
    {
        ["host"] = sshd.Host,
        ["port"] = sshd.Port,
        ["username"] = sshd.Username,
        ["hostKeyFingerprint"] = sshd.HostKeyFingerprintSha256,
    };

    private static string PageText(JsonElement elicitation) => elicitation.GetProperty("page").GetProperty("text").GetString() ?? "";

    private static IEnumerable<string> FilesUnder(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(path => path + ": " + File.ReadAllText(path));

    private static void AssertNowhere(Dictionary<string, IEnumerable<string>> places, params string[] secrets)
    {
        foreach (var (where, texts) in places)
        {
            foreach (var text in texts)
            {
                foreach (var secret in secrets)
                {
                    Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret appeared in {where}: {text.Replace(secret, "<SECRET>", StringComparison.Ordinal)}");
                }
            }
        }
    }
}
