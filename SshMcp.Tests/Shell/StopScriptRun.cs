using System.Diagnostics;
using SshMcp.Server.Shell;

namespace SshMcp.Tests.Shell;

/// <summary>Runs the real stop script under a local shell, with the arguments <see cref="ShellScripts.StopCommandLine"/> gives.</summary>
internal static class StopScriptRun
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static async Task<(StopVerdict Verdict, string Output)> RunAsync(
        string shellPath, BusyboxBin busybox, Userland userland, int shellPid, string tag, StopScope scope, int maxAgeSeconds)
    {
        // "exec /bin/sh -s PID TAG MODE AGE": the same arguments, under the shell being tested.
        var arguments = ShellScripts.StopCommandLine(shellPid, tag, scope, maxAgeSeconds).Split(' ')[2..];
        using var process = busybox.StartShell(shellPath, arguments, userland);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(ShellScripts.Stop);
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            process.Kill();
            throw;
        }

        var output = await stdout + await stderr;
        return (StopVerdict.Parse(await stdout), output);
    }
}
