using System.Diagnostics;

namespace SshMcp.TestKit;

/// <summary>Runs a local program to completion with a bound, capturing its output.</summary>
public static class LocalCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="fileName"/>; <paramref name="standardInput"/> (for secrets) never appears on a command line.</summary>
    /// <param name="environment">Variables to set (or, with a null value, remove) for the program only.</param>
    /// <param name="timeout">How long it may run before it is killed and a TimeoutException thrown; <see cref="DefaultTimeout"/> if null.</param>
    public static async Task<LocalCommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        string? standardInput = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var bound = timeout ?? DefaultTimeout;
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken).WaitAsync(bound, cancellationToken);
            return new LocalCommandResult(fileName, process.ExitCode, await stdout, await stderr);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {bound.TotalSeconds} s.");
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>Runs a program and throws with its stderr unless it exits with one of <paramref name="acceptedExitCodes"/> (default 0).</summary>
    public static async Task<LocalCommandResult> RunCheckedAsync(
        string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, params int[] acceptedExitCodes)
    {
        var result = await RunAsync(fileName, arguments, cancellationToken);
        result.ThrowUnlessExitCodeIn(acceptedExitCodes);
        return result;
    }
}
