using System.Globalization;
using System.Security.Cryptography;

namespace SshMcp.Server.Runs;

/// <summary>
/// Run ids: <c>r</c>, the start time (8 hex digits of Unix seconds), then 96 random bits (24 hex digits). The random
/// part makes an id unguessable, so holding one is what lets a caller read a run's output; the time lets an answer say
/// how old an id is even after the run itself is long gone. The id is also the name of the run's files on the host, so
/// it must stay a plain word.
/// </summary>
internal static class RunIds
{
    private const int RandomBytes = 12;
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
    private const int Length = 1 + 8 + (RandomBytes * 2);

    public static string New(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        var seconds = (uint)Math.Clamp(now.ToUnixTimeSeconds(), 0, uint.MaxValue);
        return string.Create(CultureInfo.InvariantCulture, $"r{seconds:x8}{Convert.ToHexStringLower(random)}");
    }

    /// <summary>True for what <see cref="New"/> makes: the only ids that reach a shell script.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id[0] == 'r' && !id.AsSpan(1).ContainsAnyExcept(LowerHex);

    /// <summary>When the run began, as its id says.</summary>
    public static DateTimeOffset StartedAt(string id) =>
        DateTimeOffset.FromUnixTimeSeconds(uint.Parse(id.AsSpan(1, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));

    /// <summary><c>r1a2b3c4d…</c>: how logs name a run (the time part only, never the random part).</summary>
    public static string LogRef(string id) => id.Length > 9 ? string.Concat(id.AsSpan(0, 9), "…") : id;
}
