using System.Diagnostics;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Clients;

/// <summary>
/// A scripted session of one TypeScript client against the server. Each step records what went wrong instead of
/// stopping at the first failure, so one run shows every state that breaks the client.
/// </summary>
internal sealed class ClientRun(TypeScriptClient client)
{
    private readonly List<string> _problems = [];
    private readonly List<string> _timings = [];

    public IReadOnlyList<string> Problems => _problems;

    public int Calls { get; private set; }

    /// <summary>How long each call took, "step N ms", for the test's output.</summary>
    public IReadOnlyList<string> Timings => _timings;

    public static Dictionary<string, object?> OpenArguments(SshdFixture sshd) => new()
    {
        ["host"] = sshd.Host,
        ["port"] = sshd.Port,
        ["username"] = sshd.Username,
        ["password"] = sshd.Password,
        ["hostKeyFingerprint"] = sshd.HostKeyFingerprintSha256,
    };

    public static Dictionary<string, object?> Session(string? sessionId) => new() { ["sessionId"] = sessionId };

    /// <summary>Opens a session; null (and a problem recorded) when that failed.</summary>
    public async Task<string?> OpenAsync(string step, SshdFixture sshd) =>
        (await SucceedsAsync(step, ToolNames.Open, OpenArguments(sshd)))?.Field("sessionId");

    /// <summary>Runs a command that must come back as a result (not a tool error).</summary>
    public Task<DriverReply?> ExecAsync(string step, string? sessionId, string command, int? timeoutMs = null)
    {
        var arguments = Session(sessionId);
        arguments["command"] = command;
        if (timeoutMs is not null)
        {
            arguments["timeoutMs"] = timeoutMs;
        }

        return SucceedsAsync(step, ToolNames.Exec, arguments);
    }

    /// <summary>Calls a tool that must succeed, validate, and not throw in the client; null when it did not.</summary>
    public async Task<DriverReply?> SucceedsAsync(string step, string tool, Dictionary<string, object?> arguments)
    {
        var reply = await CallAsync(step, tool, arguments);
        if (reply is { IsError: true })
        {
            Problem(step, $"tool error: {reply.Text}");
            return null;
        }

        return reply;
    }

    /// <summary>Calls a tool that must answer with a tool error (isError) whose text contains <paramref name="expected"/>.</summary>
    public async Task FailsAsync(string step, string tool, Dictionary<string, object?> arguments, string expected)
    {
        var reply = await CallAsync(step, tool, arguments);
        if (reply is null)
        {
            return;
        }

        Expect(step, reply.IsError, $"a tool error, got {reply.Describe()}");
        Expect(step, reply.Text.Contains(expected, StringComparison.Ordinal), $"an error saying \"{expected}\", got \"{reply.Text}\"");
    }

    public void Expect(string step, bool condition, string what)
    {
        if (!condition)
        {
            Problem(step, "expected " + what);
        }
    }

    public void Problem(string step, string what) => _problems.Add($"{step}: {what}");

    // The reply, or null when the client threw; an AJV failure is recorded either way (for isError results too).
    private async Task<DriverReply?> CallAsync(string step, string tool, Dictionary<string, object?> arguments)
    {
        Calls++;
        var started = Stopwatch.StartNew();
        var reply = await client.CallAsync(tool, arguments);
        _timings.Add($"{step} {started.ElapsedMilliseconds} ms");
        if (!reply.Ok)
        {
            Problem(step, $"the client threw {reply.ErrorCode}: {reply.ErrorMessage}");
            return null;
        }

        if (!reply.Valid)
        {
            Problem(step, $"structuredContent fails strict AJV: {string.Join("; ", reply.ValidationErrors)}");
        }

        return reply;
    }
}
