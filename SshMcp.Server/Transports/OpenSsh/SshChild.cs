using System.ComponentModel;
using System.Diagnostics;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Config;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// One ssh process: argv only (no shell), stdin, stdout and stderr as pipes read asynchronously (the runtime reads
/// pipes through epoll, so an idle process holds no thread), an environment without the server's secrets, and a
/// kill that takes its whole tree (ProxyCommand, the jump hosts' ssh, the helper). Its exit is awaited through the
/// runtime's one SIGCHLD watcher.
/// </summary>
internal sealed class SshChild : IDisposable
{
    private readonly Process _process;
    private int _killed;

    private SshChild(Process process)
    {
        _process = process;
        Exited = WaitExitAsync();
    }

    public int Id => _process.Id;

    /// <summary>Completes when the process has exited (its pipes may still hold the last output).</summary>
    public Task Exited { get; }

    /// <summary>Its exit code once <see cref="Exited"/> completed (kept: readable after <see cref="Dispose"/> too).</summary>
    public int ExitCode { get; private set; }

    /// <summary>Whether we killed it (else, once exited, it ended on its own).</summary>
    public bool Killed => Volatile.Read(ref _killed) != 0;

    public Stream Stdin => _process.StandardInput.BaseStream;

    public Stream Stdout => _process.StandardOutput.BaseStream;

    public Stream Stderr => _process.StandardError.BaseStream;

    /// <param name="environment">Variables to set (the helper's) on top of the server's, whose secrets are removed.</param>
    public static SshChild Start(string sshPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var startInfo = new ProcessStartInfo(sshPath, arguments)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        ChildEnvironment.RemoveSecrets(startInfo.Environment);
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        try
        {
            var process = Process.Start(startInfo) ?? throw new SshFailureException(SshFailureKind.Other, $"Could not start {sshPath}.");
            return new SshChild(process);
        }
        catch (Win32Exception ex)
        {
            throw new SshFailureException(SshFailureKind.Other, $"Could not start the OpenSSH client {sshPath} ({ex.Message}). Install it, or pass transport sshnet.", ex);
        }
    }

    /// <summary>Grows the pipes of its stdout and stderr (see <see cref="Native.TryGrowPipe"/>).</summary>
    public void GrowOutputPipes(int bytes)
    {
        foreach (var stream in new[] { Stdout, Stderr })
        {
            if (stream is System.IO.Pipes.PipeStream pipe)
            {
                Native.TryGrowPipe(pipe.SafePipeHandle, bytes);
            }
        }
    }

    /// <summary>Kills the process and its descendants; harmless once it has exited.</summary>
    public void Kill()
    {
        if (Interlocked.Exchange(ref _killed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // It ended on its own meanwhile.
        }
    }

    /// <summary>Closes our end of its stdin (the command sees end of input).</summary>
    public void CloseStdin()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It already exited.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private async Task WaitExitAsync()
    {
        await _process.WaitForExitAsync();
        ExitCode = _process.ExitCode;
    }
}
