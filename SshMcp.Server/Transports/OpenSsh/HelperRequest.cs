using System.Globalization;
using System.Text;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>The wire form of a helper request: the argument count, then each argument, every field ended by NUL.</summary>
internal static class HelperRequest
{
    private const int MaxFields = 64;

    /// <summary>True when <paramref name="data"/> starts with a whole request; <paramref name="consumed"/> is its length.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out IReadOnlyList<string> fields, out int consumed)
    {
        fields = [];
        consumed = 0;
        var end = data.IndexOf((byte)0);
        if (end < 0)
        {
            return false;
        }

        var countText = Encoding.ASCII.GetString(data[..end]);
        var position = end + 1;
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxFields)
        {
            // Not a request: drop up to this NUL and go on, so one bad write cannot wedge the channel.
            consumed = position;
            return true;
        }

        var parsed = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var length = data[position..].IndexOf((byte)0);
            if (length < 0)
            {
                return false;
            }

            parsed.Add(Encoding.UTF8.GetString(data.Slice(position, length)));
            position += length + 1;
        }

        fields = parsed;
        consumed = position;
        return true;
    }
}
