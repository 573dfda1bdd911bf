using System.Diagnostics;
using System.Text.RegularExpressions;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Transports.OpenSsh;

/// <summary>
/// The master and its private directory (control socket, config, helper) end with the session on every path: close,
/// a failed login, a connect past its deadline, a master killed from outside, the shell exiting, the server stopping.
/// The master runs the session's shell itself, so an idle session is one ssh process.
/// </summary>
[Collection(AloneInProcess.Name)]
public sealed partial class OpenSshLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly SshdFixture _sshd = SshdFixture.Create(new SshdOptions());

    private HashSet<int> _before = [];

    public Task InitializeAsync()
    {
        _before = [.. AllSshProcesses().Select(p => p.Pid)];
        return _sshd.InitializeAsync();
    }

    public Task DisposeAsync() => _sshd.DisposeAsync();

    [Fact]
    public async Task Close_Session_EndsTheMasterAndRemovesItsDirectory()
    {
        await using var server = await StartAsync();
        var session = (await server.OpenAsync(_sshd)).SessionId;
        var (pid, directory) = Assert.Single(Masters());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        Assert.Equal("master", (await server.ExecAsync(session, "echo master")).Stdout.Trim());
        Assert.Equal([pid], SshProcesses().Select(p => p.Pid));

        await server.CloseAsync(session);

        Assert.True(await GoneAsync(pid, directory), $"master {pid} or {directory} outlived the session");
        Assert.Empty(SshProcesses());
    }

    [Fact]
    public async Task Open_WrongPasswordOrSilentPort_LeavesNoProcessAndNoDirectory()
    {
        await using var server = await StartAsync();
        var before = SessionDirectories();

        await server.CallErrorAsync("ssh_open", Arguments(_sshd.Port, "wrong-password"));
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var arguments = Arguments(((System.Net.IPEndPoint)silent.LocalEndpoint).Port, _sshd.Password);
        arguments["connectTimeoutMs"] = 1000;
        var clock = Stopwatch.StartNew();
        var timeout = await server.CallErrorAsync("ssh_open", arguments);

        Assert.Contains("did not finish within 1 s", timeout, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Empty(SshProcesses());
        Assert.Empty(SessionDirectories().Except(before));
    }

    [Fact]
    public async Task Exec_MasterKilledFromOutside_SaysTheConnectionIsLostAndCleansUp()
    {
        await using var server = await StartAsync();
        var session = (await server.OpenAsync(_sshd)).SessionId;
        var (pid, directory) = Assert.Single(Masters());

        Process.GetProcessById(pid).Kill();
        var error = await server.CallErrorAsync("ssh_exec", new Dictionary<string, object?> { ["sessionId"] = session, ["command"] = "echo hi" });

        Assert.Contains("was lost", error, StringComparison.Ordinal);
        Assert.True(await GoneAsync(pid, directory), $"{directory} outlived its killed master");
        Assert.Empty(SshProcesses());
        var again = (await server.OpenAsync(_sshd)).SessionId;
        Assert.Equal("ok\n", (await server.ExecAsync(again, "echo ok")).Stdout);
    }

    [Fact]
    public async Task Exec_ShellExits_EndsTheMasterAndRemovesItsDirectory()
    {
        await using var server = await StartAsync();
        var session = (await server.OpenAsync(_sshd)).SessionId;
        var (pid, directory) = Assert.Single(Masters());

        var result = await server.ExecAsync(session, "exit 7");

        Assert.True(result.ShellEnded);
        Assert.True(await GoneAsync(pid, directory), $"master {pid} or {directory} outlived its shell");
        Assert.Empty(SshProcesses());
    }

    [Fact]
    public async Task Stop_Server_EndsEveryMasterAndRemovesTheirDirectories()
    {
        var server = await StartAsync();
        await server.OpenAsync(_sshd);
        await server.OpenAsync(_sshd);
        var masters = Masters();
        Assert.Equal(2, masters.Count);

        await server.DisposeAsync();

        foreach (var (pid, directory) in masters)
        {
            Assert.True(await GoneAsync(pid, directory), $"master {pid} or {directory} outlived the server");
        }
    }

    private static Task<McpServerHarness> StartAsync() =>
        McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:Transport"] = TransportNames.OpenSsh });

    private Dictionary<string, object?> Arguments(int port, string password) => new()
    {
        ["host"] = _sshd.Host,
        ["port"] = port,
        ["username"] = _sshd.Username,
        ["password"] = password,
    };

    /// <summary>The ssh masters this test's servers run, with the private directory of each (from its <c>-S</c> argument).</summary>
    private List<(int Pid, string Directory)> Masters() =>
        [.. SshProcesses().Select(p => (p.Pid, Match: MasterArguments().Match(p.Argv))).Where(m => m.Match.Success).Select(m => (m.Pid, Path.GetDirectoryName(m.Match.Groups[1].Value)!))];

    /// <summary>
    /// The ssh processes this process started since this test began: ones left by earlier tests (reported, not this
    /// test's to count) are set aside. Nothing else runs beside this collection.
    /// </summary>
    private List<ProcessSnapshot> SshProcesses() => [.. AllSshProcesses().Where(p => !_before.Contains(p.Pid))];

    private static List<ProcessSnapshot> AllSshProcesses() =>
        [.. ProcessTree.Descendants(Environment.ProcessId).Where(p => p.Argv.StartsWith("/usr/bin/ssh ", StringComparison.Ordinal) || p.Argv.StartsWith("ssh ", StringComparison.Ordinal))];

    private static HashSet<string> SessionDirectories() =>
        [.. Directory.EnumerateDirectories(Path.GetTempPath(), "sshmcp-*").Where(d => File.Exists(Path.Combine(d, "config")) || File.Exists(Path.Combine(d, "h")))];

    private static Task<bool> GoneAsync(int pid, string directory) =>
        Poll.UntilAsync(_ => Task.FromResult(!Directory.Exists(directory) && !File.Exists($"/proc/{pid}/stat")), Deadline, default);

    [GeneratedRegex(@" -M -S (\S+) ")]
    private static partial Regex MasterArguments();
}
