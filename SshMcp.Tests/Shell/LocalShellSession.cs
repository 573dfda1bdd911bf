using System.Diagnostics;
using SshMcp.Server.Sessions;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

/// <summary>
/// A session's shell started as the server starts one (the launcher with SHELL set, then the setup and the probe),
/// over local pipes instead of an SSH channel. Commands are framed by <see cref="CommandFrame"/> and read back through
/// <see cref="FramedStream"/>, exactly as <c>RemoteShell</c> does; every byte sent is kept for inspection.
/// </summary>
internal sealed class LocalShellSession : IAsyncDisposable
{
    public const string SessionId = "stest";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly string _home;
    private readonly Stream _stdin;
    private readonly MemoryStream _sent = new();
    private readonly Lock _gate = new();
    private readonly Task _pumps;
    private ShellRun? _current;
    private int _runs;
    private int _lastExitCode;

    private LocalShellSession(Process process, string home)
    {
        _process = process;
        _home = home;
        _stdin = process.StandardInput.BaseStream;
        _pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput.BaseStream, isStdout: true),
            PumpAsync(process.StandardError.BaseStream, isStdout: false));
    }

    public int ProcessId => _process.Id;

    /// <summary>The shell's HOME: a fresh directory, deleted with the session.</summary>
    public string Home => _home;

    public ShellProbe Probe { get; private set; }

    /// <summary>Every byte written to the shell's stdin so far.</summary>
    public byte[] Sent => _sent.ToArray();

    public static async Task<LocalShellSession> StartAsync(string shellPath)
    {
        // A fresh HOME: the login shell reads no profile of whoever runs the tests.
        var home = Directory.CreateTempSubdirectory("sshmcp-home-").FullName;
        var start = new ProcessStartInfo("/bin/sh", ["-c", ShellScripts.Launcher])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SHELL"] = shellPath;
        start.Environment["HOME"] = home;
        var session = new LocalShellSession(Process.Start(start)!, home);
        try
        {
            session.Send(ShellScripts.Setup(SessionId));
            var probe = await session.RunAsync(ShellScripts.Probe, ShellFlavor.Zsh);
            session.Probe = ShellProbe.TryParse(probe.Stdout, out var identity)
                ? identity
                : throw new InvalidOperationException($"{shellPath} answered the probe with '{probe.Stdout}' (stderr: {probe.Stderr})");
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs one framed command, as the session's next, and waits (bounded) for its trailer.</summary>
    public Task<LocalRunResult> RunAsync(string command) => RunAsync(command, Probe.Flavor);

    public async ValueTask DisposeAsync()
    {
        _stdin.Close();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _pumps.WaitAsync(Bound);
        _process.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    private async Task<LocalRunResult> RunAsync(string command, ShellFlavor flavor)
    {
        var markers = FrameMarkers.CreateRandom();
        using var run = new ShellRun(markers, maxOutputBytes: 1 << 20);
        lock (_gate)
        {
            _current = run;
        }

        try
        {
            Send(CommandFrame.Build(command, markers, flavor, ++_runs, _lastExitCode));
            var end = await run.Completion.Task.WaitAsync(Bound);
            if (end != ShellRunEnd.Framed || !Trailer.TryParse(run.Stdout.Trailer, out var trailer))
            {
                throw new InvalidOperationException(
                    $"The shell ended during '{command}' (stdout: {run.StdoutCapture.ToText().Text}; stderr: {run.StderrCapture.ToText().Text})");
            }

            _lastExitCode = trailer.ExitCode;
            return new LocalRunResult(run.StdoutCapture.ToText().Text, run.StderrCapture.ToText().Text, trailer.ExitCode, trailer.Cwd);
        }
        finally
        {
            lock (_gate)
            {
                _current = null;
            }
        }
    }

    private void Send(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        _sent.Write(bytes);
        _stdin.Write(bytes);
        _stdin.Flush();
    }

    private async Task PumpAsync(Stream stream, bool isStdout)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            lock (_gate)
            {
                if (_current is { } run)
                {
                    (isStdout ? run.Stdout : run.Stderr).Feed(buffer.AsSpan(0, read));
                    if (run.IsFramed)
                    {
                        run.Completion.TrySetResult(ShellRunEnd.Framed);
                    }
                }
            }
        }

        lock (_gate)
        {
            _current?.Completion.TrySetResult(ShellRunEnd.ShellEnded);
        }
    }
}
