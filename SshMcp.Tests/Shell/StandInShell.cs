using System.Diagnostics;
using System.Globalization;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

/// <summary>
/// A local <c>/bin/sh</c> reading commands from a pipe, standing in for a session's shell: the stop script's PID
/// argument. It leaves background jobs as earlier commands would and runs a command in the foreground as the session
/// runs one. Every process it was asked to start is remembered, and killed by PID on dispose if still alive.
/// </summary>
internal sealed class StandInShell : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly Process _shell;
    private readonly List<int> _started = [];
    private readonly List<Process> _escaped = [];

    private StandInShell(Process shell) => _shell = shell;

    public int Pid => _shell.Id;

    public static StandInShell Start() =>
        new(Process.Start(new ProcessStartInfo("/bin/sh", ["-s"])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!);

    /// <summary>
    /// Starts a job in the background as an earlier command may leave it: <c>sh -c 'sleep 1000'</c>, with or without a
    /// tag, ignoring TERM if asked. Returns the PIDs of the <c>sh</c> and its <c>sleep</c> once both run.
    /// </summary>
    public async Task<IReadOnlyList<int>> StartBackgroundJobAsync(string? tag = null, bool ignoreTerm = false)
    {
        var prefix = tag is null ? "" : $"{ShellScripts.TagVariable}={tag} ";
        var trap = ignoreTerm ? "trap \"\" TERM; " : "";
        await _shell.StandardInput.WriteLineAsync($"{prefix}sh -c '{trap}sleep 1000; :' & echo $!");
        await _shell.StandardInput.FlushAsync();
        var line = await _shell.StandardOutput.ReadLineAsync().WaitAsync(Bound);
        var job = int.Parse(line ?? throw new InvalidOperationException("The stand-in shell ended."), CultureInfo.InvariantCulture);
        _started.Add(job);
        return [job, .. await WaitForAsync(job, processes: 1, sleeps: 1, before: [])];
    }

    /// <summary>
    /// Runs, in the foreground, what a command may start: an untagged subshell (a fork of the shell, as for
    /// <c>( … )</c>) with a <c>sleep</c> child, piped into an <c>sh -c</c> carrying <paramref name="tag"/> with a
    /// pipeline of two <c>sleep</c>s; with <paramref name="ignoreTerm"/>, the tagged ones ignore TERM. Returns the PIDs
    /// of all five once they run.
    /// </summary>
    public async Task<IReadOnlyList<int>> RunCommandAsync(string tag, bool ignoreTerm = false)
    {
        var before = LocalProcesses.LiveDescendants(Pid).Keys.ToHashSet();
        var trap = ignoreTerm ? "trap \"\" TERM; " : "";
        await _shell.StandardInput.WriteLineAsync(
            $"(sleep 1000; :) | {ShellScripts.TagVariable}={tag} sh -c '{trap}sleep 1000 | sleep 1000; :'");
        await _shell.StandardInput.FlushAsync();

        return await WaitForAsync(Pid, processes: 5, sleeps: 3, before);
    }

    /// <summary>Starts a tagged <c>sleep</c> outside the shell's tree (as <c>setsid</c> or a daemon would leave it); returns its PID.</summary>
    public int StartEscapedProcess(string tag)
    {
        var start = new ProcessStartInfo("sleep", ["1000"]) { UseShellExecute = false };
        start.Environment[ShellScripts.TagVariable] = tag;
        var process = Process.Start(start)!;
        _escaped.Add(process);
        return process.Id;
    }

    /// <summary>Waits until <paramref name="root"/> has the expected new live descendants, all exec'd; returns their PIDs.</summary>
    private async Task<IReadOnlyList<int>> WaitForAsync(int root, int processes, int sleeps, HashSet<int> before)
    {
        IReadOnlyList<int> started = [];
        var running = await Poll.UntilAsync(
            _ =>
            {
                var now = LocalProcesses.LiveDescendants(root).Where(p => !before.Contains(p.Key)).ToList();
                started = [.. now.Select(p => p.Key)];
                return Task.FromResult(now.Count == processes && now.Count(p => p.Value == "sleep") == sleeps);
            },
            Bound,
            default);
        _started.AddRange(started);
        return running ? started : throw new InvalidOperationException($"Not all processes started under {root}: {string.Join(' ', started)}.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pid in _started.Where(p => !LocalProcesses.IsGone(p)))
        {
            try
            {
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill();
            }
            catch (ArgumentException)
            {
                // It exited meanwhile.
            }
        }

        foreach (var process in _escaped)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.Dispose();
        }

        if (!_shell.HasExited)
        {
            _shell.Kill();
        }

        await _shell.WaitForExitAsync().WaitAsync(Bound);
        _shell.Dispose();
    }
}
