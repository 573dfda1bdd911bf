using System.Security.Cryptography;

namespace SshMcp.Server.Sessions;

/// <summary>
/// Session ids are bearer handles: whoever holds one (and is its principal) can use the session. They carry 160
/// random bits; logs and spans show only <see cref="LogRef"/>, the first 32 of them, so an id cannot be rebuilt from
/// what an operator's tools store, while an operator holding an id can still find its log lines.
/// </summary>
internal static class SessionIds
{
    private const int RandomBytes = 20;
    private const int LogRefHexDigits = 8;

    public static string New()
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        return "s" + Convert.ToHexStringLower(random);
    }

    /// <summary>
    /// The tag that marks the environment of every process a session starts on the host (<c>__SSHMCP=TAG.RUN</c>),
    /// so that they can be found and stopped. Random, and not the id: the host's users may read it.
    /// </summary>
    public static string NewTag()
    {
        Span<byte> random = stackalloc byte[6];
        RandomNumberGenerator.Fill(random);
        return "t" + Convert.ToHexStringLower(random);
    }

    /// <summary><c>s1a2b3c4d…</c>: what logs and spans say instead of the id.</summary>
    public static string LogRef(string id) =>
        id.Length > LogRefHexDigits + 1 ? string.Concat(id.AsSpan(0, LogRefHexDigits + 1), "…") : id;
}
