using System.Text.Json;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SshMcp.Tests.Clients;

/// <summary>
/// The MCP Inspector 2.12.0 from the command line, as a user would try the server. <c>--cli</c> makes one connection
/// and one call per invocation: over HTTP the steps are separate invocations (so the SSH session must outlive the MCP
/// connection that opened it); over stdio each invocation starts its own server, so the multi-step flow there runs
/// through <c>mcpdo</c>, the Inspector's connection CLI, which keeps one stdio server in its daemon across commands.
/// The Inspector validates results against the tool's outputSchema (its own AJV) and fails the call if they do not.
/// </summary>
[Collection(ClientsCollection.Name)]
public sealed class InspectorCliTests(SshdFixture sshd, ITestOutputHelper output) : IClassFixture<NodeClientsFixture>
{
    private const string Name = "sshmcp";
    private const string Command = "echo inspector-$((6*7))";

    [Fact]
    public async Task ToolsList_InspectorCliOverStdio_ListsEveryTool()
    {
        await using var server = await ServerUnderTest.StartAsync(ServerUnderTest.Stdio);
        var inspector = new InspectorCli(server.Home);

        var list = await inspector.CliAsync(await server.WriteMcpConfigAsync(Name), Name, "--method", "tools/list");

        Assert.Equal(ToolNames.All.Order(StringComparer.Ordinal), ToolNamesOf(list.GetProperty("result")).Order(StringComparer.Ordinal));
    }

    /// <param name="era">legacy (the Inspector's default): initialize and 2025-11-25, a new MCP session each time;
    /// modern: 2026-07-28, no initialize and no MCP session at all.</param>
    [Theory]
    [InlineData("legacy")]
    [InlineData("modern")]
    public async Task OpenExecClose_InspectorCliOverHttpInEitherEra_PrintsInspector42(string era)
    {
        await using var server = await ServerUnderTest.StartAsync(ServerUnderTest.Http);
        var inspector = new InspectorCli(server.Home);
        var config = await server.WriteMcpConfigAsync(Name);
        Task<JsonElement> Call(string tool, object arguments) =>
            inspector.CliAsync(config, Name, "--protocol-era", era, "--method", "tools/call", "--tool-name", tool, "--tool-args-json", JsonSerializer.Serialize(arguments));

        var list = await inspector.CliAsync(config, Name, "--protocol-era", era, "--method", "tools/list");
        var open = (await Call(ToolNames.Open, OpenArguments())).GetProperty("result");
        var sessionId = open.GetProperty("structuredContent").GetProperty("sessionId").GetString();
        var exec = (await Call(ToolNames.Exec, new { sessionId, command = Command })).GetProperty("result");
        var close = (await Call(ToolNames.Close, new { sessionId })).GetProperty("result");

        Assert.Contains(ToolNames.Exec, ToolNamesOf(list.GetProperty("result")));
        Assert.Equal("inspector-42\n", exec.GetProperty("structuredContent").GetProperty("stdout").GetString());
        Assert.True(close.GetProperty("structuredContent").GetProperty("closed").GetBoolean());
    }

    [Fact]
    public async Task OpenExecClose_McpdoOverOneStdioServer_PrintsInspector42()
    {
        await using var server = await ServerUnderTest.StartAsync(ServerUnderTest.Stdio);
        var inspector = new InspectorCli(server.Home);
        await inspector.StartPrivateDaemonAsync();
        try
        {
            await inspector.McpdoAsync("connect", "--config", await server.WriteMcpConfigAsync(Name), Name);
            Task<JsonElement> Call(string tool, object arguments) =>
                inspector.McpdoAsync("@" + Name, "tools/call", tool, "--tool-args-json", JsonSerializer.Serialize(arguments));

            var list = await inspector.McpdoAsync("@" + Name, "tools/list");
            var open = await Call(ToolNames.Open, OpenArguments());
            var sessionId = open.GetProperty("structuredContent").GetProperty("sessionId").GetString();
            var exec = await Call(ToolNames.Exec, new { sessionId, command = Command });
            var close = await Call(ToolNames.Close, new { sessionId });
            var connection = await inspector.McpdoAsync("connections/show", Name);

            output.WriteLine($"mcpdo over stdio negotiated {connection.GetProperty("protocolVersion")}");
            Assert.Contains(ToolNames.Exec, ToolNamesOf(list));
            Assert.Equal("inspector-42\n", exec.GetProperty("structuredContent").GetProperty("stdout").GetString());
            Assert.True(close.GetProperty("structuredContent").GetProperty("closed").GetBoolean());
        }
        finally
        {
            await inspector.StopDaemonAsync();
        }
    }

    // A key file rather than the password: the Inspector takes tool arguments on its command line, which anyone on
    // the machine can read; a path is no secret.
    private object OpenArguments() => new
    {
        host = sshd.Host,
        port = sshd.Port,
        username = sshd.Username,
        privateKeyPath = sshd.PrivateKeyPath,
        hostKeyFingerprint = sshd.HostKeyFingerprintSha256,
    };

    private static string[] ToolNamesOf(JsonElement listResult) =>
        [.. listResult.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!)];
}
