using System.Diagnostics;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

/// <summary>
/// Runs one of the file scripts under a local shell exactly as <see cref="ShellScripts.Launch"/> has the host run it
/// (the one-line eval that reads the script's bytes with dd), with the rest of stdin as the test says.
/// </summary>
internal sealed class FileScriptRun : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private FileScriptRun(Process process) => _process = process;

    public static async Task<FileScriptRun> StartAsync(string shellPath, BusyboxBin busybox, Userland userland, string script, params string[] arguments)
    {
        var launch = ShellScripts.Launch(script, arguments);
        // "exec /bin/sh -c 'EVAL' sshmcp ARGS...": the same words, under the shell being tested.
        var eval = launch.CommandLine[(launch.CommandLine.IndexOf('\'', StringComparison.Ordinal) + 1)..launch.CommandLine.IndexOf("' sshmcp", StringComparison.Ordinal)];
        var process = busybox.StartShell(shellPath, ["-c", eval, "sshmcp", .. arguments], userland);
        await process.StandardInput.BaseStream.WriteAsync(launch.Preamble);
        return new FileScriptRun(process);
    }

    public async Task WriteAsync(byte[] data)
    {
        await _process.StandardInput.BaseStream.WriteAsync(data);
        await _process.StandardInput.BaseStream.FlushAsync();
    }

    public async Task SendLineAsync(string line) => await WriteAsync(System.Text.Encoding.UTF8.GetBytes(line + "\n"));

    public async Task<string?> ReadLineAsync() => await _process.StandardOutput.ReadLineAsync().WaitAsync(Bound);

    /// <summary>Closes stdin, as a dropped connection would, and returns the rest of stdout and stderr.</summary>
    public async Task<string> EndAsync()
    {
        _process.StandardInput.Close();
        var rest = await _process.StandardOutput.ReadToEndAsync().WaitAsync(Bound);
        var errors = await _process.StandardError.ReadToEndAsync().WaitAsync(Bound);
        await _process.WaitForExitAsync().WaitAsync(Bound);
        return rest + errors;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
