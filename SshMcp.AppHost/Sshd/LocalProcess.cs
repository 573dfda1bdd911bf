using System.Diagnostics;
using System.Globalization;

namespace SshMcp.AppHost.Sshd;

/// <summary>Runs a short local program (ssh-keygen, useradd, docker info) to completion, bounded.</summary>
internal static class LocalProcess
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>The exit code and both outputs; -1 when the program could not be started at all.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, TimeSpan? bound = null)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process? process;
        try
        {
            process = Process.Start(startInfo);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }

        if (process is null)
        {
            return (-1, $"{fileName} did not start.");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).WaitAsync(bound ?? Bound, cancellationToken);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                return (-1, string.Create(CultureInfo.InvariantCulture, $"{fileName} did not finish within {(bound ?? Bound).TotalSeconds} s."));
            }

            return (process.ExitCode, (await stdout) + (await stderr));
        }
    }

    /// <summary>Runs a program that must succeed; throws with its output otherwise.</summary>
    public static async Task<string> RunCheckedAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync(fileName, arguments, cancellationToken);
        return exitCode == 0
            ? output
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{fileName} failed (exit code {exitCode}): {output.Trim()}"));
    }
}
