using Microsoft.Extensions.Logging.Abstractions;
using SshMcp.Server.Transports.OpenSsh;

namespace SshMcp.Tests.Transports.OpenSsh;

/// <summary>The helper script and the server's end of its FIFOs, as ssh runs them: a real sh, real FIFOs, no ssh.</summary>
public sealed class HelperTests : IAsyncLifetime
{
    private readonly List<HelperRequest> _requests = [];
    private SessionDirectory _directory = null!;
    private HelperBroker _broker = null!;

    public Task InitializeAsync()
    {
        _directory = SessionDirectory.Create();
        HelperScript.WriteInto(_directory);
        _broker = HelperBroker.Start(_directory, Answer, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Helper_PromptAnswered_PrintsTheAnswerAndTheRequestArrivesWhole()
    {
        var result = await RunAsync("user@host's password: ");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("s3cret with 'quotes' \\ and spaces\n", result.StandardOutput);
        Assert.Equal(["user@host's password: "], Assert.Single(_requests).Fields);
    }

    [Fact]
    public async Task Helper_AnyRequest_NamesItsParentProcessAsTheAsker()
    {
        // ssh runs the helper as its own child: the parent is the ssh that asks (here, this test process).
        await RunAsync("user@host's password: ");
        await RunAsync("hostkey", "HOSTNAME", "example", "example", "AAAA");

        Assert.All(_requests, request => Assert.Equal(Environment.ProcessId, request.Asker));
        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task Helper_PromptRefused_ExitsOneAndPrintsNothing()
    {
        var result = await RunAsync("Verification code: ");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task Helper_HostKeyWithNoAnswer_ExitsZeroAndPrintsNothing()
    {
        var result = await RunAsync("hostkey", "ADDRESS", "example", "127.0.0.1", "AAAA");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Equal(5, Assert.Single(_requests).Fields.Count);
    }

    [Fact]
    public async Task Helper_KeyOrderQuestion_IsAnsweredWithNothingWithoutAskingTheServer()
    {
        var result = await RunAsync("hostkey", "ORDER", "example", "example", "NONE");

        Assert.Equal((0, ""), (result.ExitCode, result.StandardOutput));
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task Helper_SeveralRequests_EachGetsItsOwnAnswer()
    {
        var first = await RunAsync("user@host's password: ");
        var second = await RunAsync("hostkey", "HOSTNAME", "h", "[h]:2222", "AAAA");

        Assert.Equal("s3cret with 'quotes' \\ and spaces\n", first.StandardOutput);
        Assert.Equal("[h]:2222 ssh-ed25519 AAAA\n", second.StandardOutput);
    }

    [Fact]
    public async Task Helper_AfterTheBrokerStopped_RefusesAtOnce()
    {
        await _broker.DisposeAsync();

        var result = await RunAsync("user@host's password: ");

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(_directory.RequestFifo));
    }

    private ValueTask<HelperAnswer> Answer(HelperRequest request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }

        return ValueTask.FromResult(request.Fields switch
        {
            ["user@host's password: "] => HelperAnswer.Line("s3cret with 'quotes' \\ and spaces"),
            ["hostkey", "HOSTNAME", _, var name, var key] => HelperAnswer.Line($"{name} ssh-ed25519 {key}"),
            ["hostkey", ..] => HelperAnswer.Nothing,
            _ => HelperAnswer.Refuse,
        });
    }

    private Task<LocalCommandResult> RunAsync(params string[] arguments) =>
        LocalCommand.RunAsync(_directory.Helper, arguments, default);
}
