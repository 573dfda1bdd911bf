using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace SshMcp.Tests.Infrastructure;

/// <summary>
/// A real <c>ssh-agent -D</c> of a test's own, listening on a socket in a private (0700) temp directory, stopped by
/// its PID. Tests pass <see cref="SocketPath"/> explicitly; the runner's own SSH_AUTH_SOCK is never read or changed.
/// </summary>
public sealed class SshAgentProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly BoundedLog _log = new(16 * 1024);

    private SshAgentProcess(string directory, Process process)
    {
        Directory = directory;
        _process = process;
    }

    /// <summary>The agent's private directory (0700); also a place for key files that must not outlive the test.</summary>
    public string Directory { get; }

    public string SocketPath => Path.Combine(Directory, "agent.sock");

    public int Pid => _process.Id;

    public static async Task<SshAgentProcess> StartAsync(CancellationToken cancellationToken)
    {
        var directory = Path.Combine("/tmp", $"sshmcp-agent-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo("ssh-agent", ["-D", "-a", Path.Combine(directory, "agent.sock")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("ssh-agent did not start.");
        var agent = new SshAgentProcess(directory, process);
        process.OutputDataReceived += (_, e) => agent._log.Append(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => agent._log.Append(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (!await Poll.UntilAsync(_ => Task.FromResult(agent.Accepts()), StartBound, cancellationToken))
            {
                throw new TimeoutException($"ssh-agent did not listen on {agent.SocketPath} within {StartBound.TotalSeconds} s: {agent._log}");
            }

            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds a private key given as text through stdin (<c>ssh-add -</c>): it is never written to disk.</summary>
    /// <param name="confirm">
    /// <c>ssh-add -c</c>: each use must be confirmed through ssh-askpass; with no askpass to ask, the agent refuses to sign.
    /// </param>
    public Task AddKeyTextAsync(string privateKeyText, CancellationToken cancellationToken, bool confirm = false) =>
        SshAddAsync(confirm ? ["-q", "-c", "-"] : ["-q", "-"], cancellationToken, privateKeyText);

    /// <summary>Adds a key file and, when <c>KEY-cert.pub</c> lies beside it, its certificate.</summary>
    public Task AddKeyFileAsync(string privateKeyPath, CancellationToken cancellationToken) =>
        SshAddAsync(["-q", privateKeyPath], cancellationToken);

    /// <summary>Sends SIGSTOP (frozen) or SIGCONT (thawed): a frozen agent accepts connections but never answers.</summary>
    public Task SignalAsync(string signal, CancellationToken cancellationToken) =>
        LocalCommand.RunCheckedAsync("kill", ["-s", signal, Pid.ToString(CultureInfo.InvariantCulture)], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // A frozen agent would not act on SIGTERM; SIGKILL ends it whatever its state.
                _process.Kill();
                await _process.WaitForExitAsync().WaitAsync(StartBound);
            }
        }
        finally
        {
            _process.Dispose();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private async Task SshAddAsync(string[] arguments, CancellationToken cancellationToken, string? standardInput = null)
    {
        var result = await LocalCommand.RunAsync(
            "ssh-add", arguments, cancellationToken, standardInput, new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = SocketPath });
        result.ThrowUnlessExitCodeIn(0);
    }

    private bool Accepts()
    {
        if (!File.Exists(SocketPath))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
