using System.Diagnostics;

namespace SshMcp.Tests.Packaging;

/// <summary>
/// Runs the .NET CLI (or a program it installed) as a child process with a bound, capturing its output. No build
/// server or MSBuild node outlives the call, so a test leaves no process behind.
/// </summary>
internal static class DotnetCli
{
    /// <summary>The dotnet executable running these tests (the CLI sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string Executable { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    /// <summary>Quiet, telemetry-free, and without build servers or node reuse.</summary>
    public static IReadOnlyDictionary<string, string?> CliVariables { get; } = new Dictionary<string, string?>
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["UseSharedCompilation"] = "false",
    };

    public static Task<LocalCommandResult> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        RunProgramAsync(Executable, arguments, timeout, cancellationToken, environment);

    /// <summary>Runs <paramref name="fileName"/> with stdin closed; kills its process tree if it outlives <paramref name="timeout"/>.</summary>
    public static async Task<LocalCommandResult> RunProgramAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Configure(startInfo.Environment, environment);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(bounded.Token);
            var stderr = process.StandardError.ReadToEndAsync(bounded.Token);
            await process.WaitForExitAsync(bounded.Token);
            return new LocalCommandResult($"{fileName} {string.Join(' ', startInfo.ArgumentList)}", process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', startInfo.ArgumentList)} did not finish within {timeout.TotalSeconds} s.");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>
    /// The CLI variables above, then <paramref name="extra"/>. MSBuild variables inherited from a `dotnet test` parent
    /// are dropped: they point a nested build at the parent's MSBuild and its state.
    /// </summary>
    public static void Configure(IDictionary<string, string?> target, IReadOnlyDictionary<string, string?>? extra)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var name in target.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            target.Remove(name);
        }

        foreach (var (name, value) in CliVariables.Concat(extra ?? new Dictionary<string, string?>()))
        {
            target[name] = value;
        }
    }
}
