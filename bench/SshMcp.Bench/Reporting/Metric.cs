namespace SshMcp.Bench.Reporting;

/// <summary>
/// One figure of a run. <see cref="Floor"/> is what the same work costs without the server, measured in the same run;
/// <see cref="Ratio"/> is value / floor. <see cref="Valid"/> of <see cref="Samples"/> answers were checked correct.
/// </summary>
public sealed record Metric(
    string Name,
    double Value,
    string Unit,
    double? Floor,
    int Valid,
    int Samples,
    Goal? Goal = null,
    string? Note = null)
{
    public double? Ratio => Floor is > 0 ? Value / Floor.Value : null;

    /// <summary>Null when the metric has no goal; false when it has one and missed it, or an answer was wrong.</summary>
    public bool? GoalMet => Goal is null ? null : Valid == Samples && Goal.IsMet(Goal.OnRatio ? Ratio : Value);
}
