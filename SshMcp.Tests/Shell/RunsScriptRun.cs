using System.Diagnostics;
using System.Text;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

/// <summary>
/// Runs the real runs script under a local shell, with the arguments <see cref="ShellScripts.RunsCommandLine"/> gives
/// and the HOME (and, for busybox's userland, the PATH) of the session that started the runs.
/// </summary>
internal static class RunsScriptRun
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static async Task<byte[]> RunAsync(string shellPath, string home, string? path, string operation, string owner, params string[] arguments)
    {
        // "exec /bin/sh -s OP OWNER ARGS": the same arguments, under the shell being tested.
        var start = new ProcessStartInfo(shellPath, ShellScripts.RunsCommandLine(operation, owner, arguments).Split(' ')[2..])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HOME"] = home;
        if (path is not null)
        {
            start.Environment["PATH"] = path;
        }

        using var process = Process.Start(start)!;
        using var stdout = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(ShellScripts.Runs);
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Bound);
            await reading.WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            process.Kill();
            throw;
        }

        var errors = await stderr;
        Assert.True(errors.Length == 0, $"the runs script wrote to stderr under {shellPath}: {errors}");
        return stdout.ToArray();
    }

    /// <summary>The state line the script printed first.</summary>
    public static HostRunLine Line(byte[] output)
    {
        var text = Encoding.UTF8.GetString(output);
        var first = text[..Math.Max(0, text.IndexOf('\n', StringComparison.Ordinal))];
        Assert.True(HostRunLine.TryParse(first, out var line), $"not a state line: '{text}'");
        return line;
    }
}
