using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace SshMcp.TestKit;

/// <summary>One running <c>sshd -D -e</c>: started, checked ready by its banner, stopped by pid.</summary>
public sealed class SshdProcess : IDisposable
{
    public const string SshdPath = "/usr/sbin/sshd";
    private static readonly TimeSpan BannerAttemptTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;

    private SshdProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Starts sshd and returns once it serves an SSH banner; throws with sshd's own words otherwise.</summary>
    /// <param name="program"><see cref="SshdPath"/>, or a link to it: sshd names its PAM service after the program.</param>
    public static async Task<SshdProcess> StartAsync(
        string program, string configPath, string host, int port, TimeSpan startTimeout, BoundedLog log, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(program, ["-D", "-e", "-f", configPath])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => log.Append(e.Data);
        process.Start();
        var sshd = new SshdProcess(process);
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var ready = await Poll.UntilAsync(
                async ct => process.HasExited || await ServesBannerAsync(host, port, ct), startTimeout, cancellationToken);
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"sshd exited with code {process.ExitCode} before serving its banner on port {port}. sshd said:\n{log}");
            }

            if (!ready)
            {
                throw new InvalidOperationException(
                    $"sshd did not serve an SSH banner on port {port} within {startTimeout.TotalSeconds} s. sshd said:\n{log}");
            }

            return sshd;
        }
        catch
        {
            using (sshd)
            {
                await sshd.StopAsync(CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>True if sshd could not bind its port, which another process may have taken since it was chosen.</summary>
    public static bool PortWasTaken(BoundedLog log) =>
        log.ToString().Contains("Address already in use", StringComparison.Ordinal);

    /// <summary>
    /// SIGTERM, a bounded wait, then SIGKILL. Only the listener stops: connections it already forked live on.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // HasExited, not WaitForExitAsync: that also waits for stderr to close, which forked connections hold open.
        Task<bool> Exited(CancellationToken _) => Task.FromResult(_process.HasExited);
        if (!_process.HasExited)
        {
            // kill exits 1 if sshd ended meanwhile.
            await LocalCommand.RunCheckedAsync(
                "kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)], cancellationToken, 0, 1);
        }

        if (!await Poll.UntilAsync(Exited, StopTimeout, cancellationToken))
        {
            _process.Kill();
            if (!await Poll.UntilAsync(Exited, StopTimeout, cancellationToken))
            {
                throw new TimeoutException($"sshd (pid {Id}) survived SIGKILL.");
            }
        }
    }

    public void Dispose() => _process.Dispose();

    private static async Task<bool> ServesBannerAsync(string host, int port, CancellationToken cancellationToken)
    {
        try
        {
            var banner = await SshBanner.ReadAsync(host, port, BannerAttemptTimeout, cancellationToken);
            return banner.StartsWith("SSH-2.0-", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false; // Not listening yet, or this attempt's own timeout.
        }
    }
}
