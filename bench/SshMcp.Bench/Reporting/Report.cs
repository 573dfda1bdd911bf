using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SshMcp.Bench.Reporting;

/// <summary>The run's figures as a console table and as a JSON file, one object per metric.</summary>
public sealed class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly List<Metric> _metrics = [];

    public IReadOnlyList<Metric> Metrics => _metrics;

    public void Add(Metric metric) => _metrics.Add(metric);

    public string ToTable()
    {
        string[] header = ["metric", "value", "unit", "floor", "ratio", "goal", "met", "valid"];
        var rows = _metrics.Select(m => new[]
        {
            m.Name,
            Format(m.Value),
            m.Unit,
            m.Floor is { } floor ? Format(floor) : "",
            m.Ratio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "",
            m.Goal?.ToString() ?? "",
            m.GoalMet switch { true => "yes", false => "NO", null => "" },
            string.Create(CultureInfo.InvariantCulture, $"{m.Valid}/{m.Samples}"),
        }).ToList();

        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Row(string[] cells) => text.Append("| ").AppendJoin(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).Append(" |\n");
        Row(header);
        text.Append('|').AppendJoin('|', widths.Select(w => new string('-', w + 2))).Append("|\n");
        rows.ForEach(Row);
        return text.ToString();
    }

    public async Task WriteJsonAsync(string path, RunInfo run, CancellationToken cancellationToken)
    {
        var document = new
        {
            run,
            metrics = _metrics.Select(m => new
            {
                name = m.Name,
                value = Math.Round(m.Value, 4),
                unit = m.Unit,
                floor = m.Floor is { } f ? Math.Round(f, 4) : (double?)null,
                ratio = m.Ratio is { } r ? Math.Round(r, 4) : (double?)null,
                valid = m.Valid,
                samples = m.Samples,
                goal = m.Goal?.ToString(),
                goalMet = m.GoalMet,
                note = m.Note,
            }),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, document, Json, cancellationToken);
    }

    private static string Format(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 10 ? "0.0" : "0.000", CultureInfo.InvariantCulture);
}
