using System.Globalization;

namespace SshMcp.Tests.Shell;

/// <summary>
/// One <see cref="StandInShell"/> shared by a class's tests, with two background jobs left by earlier commands (one
/// untagged, one with an earlier run's tag) that are older than <see cref="MaxAgeSeconds"/>, as the stop script
/// requires of jobs it must spare.
/// </summary>
public sealed class ShellWithEarlierJobs : IAsyncLifetime
{
    /// <summary>The AGE the tests pass: a command's untagged children are younger, earlier jobs older.</summary>
    public const int MaxAgeSeconds = 2;

    private static readonly TimeSpan AgeDeadline = TimeSpan.FromSeconds(20);

    internal StandInShell Shell { get; private set; } = null!;

    /// <summary>The PIDs of both jobs and their children.</summary>
    public IReadOnlyList<int> EarlierJobs { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Shell = StandInShell.Start();
        EarlierJobs = [.. await Shell.StartBackgroundJobAsync(), .. await Shell.StartBackgroundJobAsync(tag: "stest.1")];
        // ps counts whole seconds, as the stop script does.
        var aged = await Poll.UntilAsync(
            async cancellationToken =>
            {
                var ps = await LocalCommand.RunAsync("ps", ["-o", "etimes=", "-p", EarlierJobs[^1].ToString(CultureInfo.InvariantCulture)], cancellationToken);
                return int.TryParse(ps.StandardOutput.Trim(), CultureInfo.InvariantCulture, out var age) && age > MaxAgeSeconds;
            },
            AgeDeadline,
            default);
        Assert.True(aged, $"The earlier jobs did not reach {MaxAgeSeconds} s of age within {AgeDeadline.TotalSeconds} s.");
    }

    public async Task DisposeAsync() => await Shell.DisposeAsync();
}
