using System.Globalization;

namespace SshMcp.Bench.Reporting;

/// <summary>A bound from the issue: on the ratio to the floor (<c>≤ 1.5x</c>) or on the value itself (<c>≤ 60 MiB</c>).</summary>
public sealed record Goal(bool AtMost, double Bound, bool OnRatio)
{
    public static Goal RatioAtMost(double bound) => new(true, bound, true);

    public static Goal RatioAtLeast(double bound) => new(false, bound, true);

    public static Goal ValueAtMost(double bound) => new(true, bound, false);

    public bool IsMet(double? measured) => measured is { } m && (AtMost ? m <= Bound : m >= Bound);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(AtMost ? "<=" : ">=")} {Bound:0.##}{(OnRatio ? "x" : "")}");
}
