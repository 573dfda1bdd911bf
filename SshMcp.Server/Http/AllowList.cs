namespace SshMcp.Server.Http;

/// <summary>Splits a configured list: entries separated by <c>;</c> or <c>,</c>, trimmed, empty ones dropped.</summary>
internal static class AllowList
{
    public static IReadOnlyList<string> Split(string? value) =>
        (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
