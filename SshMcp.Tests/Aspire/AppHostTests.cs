using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SshMcp.AppHost.Sshd;
using SshMcp.Server.Tools;

using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Aspire;

/// <summary>
/// The AppHost's app model, started as <c>dotnet run</c> would (DCP, the server project, the local sshd), driven
/// by the real MCP client over HTTP.
/// </summary>
[Collection(AspireCollection.Name)]
public sealed class AppHostTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task AppHost_LocalSshd_McpClientOpensRunsAndCloses()
    {
        using var timeout = new CancellationTokenSource(Bound);
        var ct = timeout.Token;
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SshMcp_AppHost>(["--Sshd:Mode=local"], ct);
        // No dashboard listens in tests: an OTLP exporter would retry against nothing and slow the stop by ~12 s.
        appHost.CreateResourceBuilder<ProjectResource>("server").WithEnvironment("OTEL_SDK_DISABLED", "true");
        await using var app = await appHost.BuildAsync(ct);
        await app.StartAsync(ct);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("server", ct);

        var login = appHost.Resources.Single(r => r.Name == "sshd").Annotations.OfType<SshLoginAnnotation>().Single();
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(app.GetEndpoint("server", "http"), "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        });
        await using var client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new() { Name = "aspire-tests", Version = "1.0" } }, cancellationToken: ct);

        var opened = await CallAsync<OpenResult>(client, ToolNames.Open, new()
        {
            ["host"] = login.Host,
            ["port"] = app.GetEndpoint("sshd", SshdResourceExtensions.EndpointName).Port,
            ["username"] = login.User,
            ["privateKeyPath"] = login.PrivateKeyPath,
            ["hostKeyFingerprint"] = login.HostKeyFingerprint,
        }, ct);
        var ran = await CallAsync<ExecResult>(client, ToolNames.Exec, new() { ["sessionId"] = opened.SessionId, ["command"] = "echo \"hello from $(whoami)\"" }, ct);
        var closed = await CallAsync<CloseResult>(client, ToolNames.Close, new() { ["sessionId"] = opened.SessionId }, ct);

        Assert.Equal("pinned", opened.HostKeyStatus);
        Assert.Equal((0, $"hello from {login.User}\n"), (ran.ExitCode, ran.Stdout));
        Assert.True(closed.Closed);
    }

    private static async Task<T> CallAsync<T>(McpClient client, string tool, Dictionary<string, object?> arguments, CancellationToken ct)
    {
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: ct);
        Assert.False(result.IsError == true, $"{tool} failed: {result.Text()}");
        return result.StructuredContent!.Value.Deserialize<T>(Json)!;
    }
}
