using System.Diagnostics;

namespace SshMcp.Bench.Measurements;

/// <summary>Timings of one kind of call and how many of its answers were right.</summary>
internal sealed class Sample
{
    private readonly List<double> _milliseconds = [];

    public IReadOnlyCollection<double> Milliseconds => _milliseconds;

    public int Valid { get; private set; }

    public int Count => _milliseconds.Count;

    /// <summary>Times one call. A call that throws counts as a wrong answer; its time is still recorded.</summary>
    public async Task<bool> TimeAsync(Func<Task<bool>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var started = Stopwatch.GetTimestamp();
        bool ok;
        try
        {
            ok = await call();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ok = false;
        }

        Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok);
        return ok;
    }

    /// <summary>Whether a call answered right; a call that throws did not.</summary>
    public static async Task<bool> AnsweredRightAsync(Func<Task<bool>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    public void Add(double milliseconds, bool ok)
    {
        _milliseconds.Add(milliseconds);
        Valid += ok ? 1 : 0;
    }

    public double Percentile(double percent) => Reporting.Stats.Percentile(_milliseconds, percent);
}
