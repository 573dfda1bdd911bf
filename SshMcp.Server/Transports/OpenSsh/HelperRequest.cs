using System.Globalization;
using System.Text;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// One request of the helper (see Scripts/helper.sh): which ssh asks, and what. On the wire: the asker's process id,
/// the argument count, then each argument, every field ended by NUL.
/// </summary>
/// <param name="Asker">The helper's parent process: the ssh that asks, since ssh runs its SSH_ASKPASS and its
/// KnownHostsCommand as direct children. It tells the master's prompts from those of a jump host's ssh, whose text
/// can be the same. 0 for a request that could not be read.</param>
/// <param name="Fields">The helper's arguments: a prompt, or <c>hostkey</c> and the key's details.</param>
internal sealed record HelperRequest(int Asker, IReadOnlyList<string> Fields)
{
    private const int MaxFields = 64;

    /// <summary>A header that is not two numbers: answered with a refusal, like any request nobody can answer.</summary>
    public static HelperRequest Unreadable { get; } = new(0, []);

    /// <summary>True when <paramref name="data"/> starts with a whole request; <paramref name="consumed"/> is its length.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out HelperRequest request, out int consumed)
    {
        request = Unreadable;
        consumed = 0;
        var position = 0;
        if (!TryField(data, ref position, out var askerText) || !TryField(data, ref position, out var countText))
        {
            return false;
        }

        if (!TryNumber(askerText, int.MaxValue, out var asker) || !TryNumber(countText, MaxFields, out var count))
        {
            // Not a request: drop its first field and go on, so one bad write cannot wedge the channel.
            consumed = data.IndexOf((byte)0) + 1;
            return true;
        }

        var fields = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            if (!TryField(data, ref position, out var field))
            {
                return false;
            }

            fields.Add(field);
        }

        request = new HelperRequest(asker, fields);
        consumed = position;
        return true;
    }

    private static bool TryField(ReadOnlySpan<byte> data, ref int position, out string field)
    {
        var length = data[position..].IndexOf((byte)0);
        field = length < 0 ? "" : Encoding.UTF8.GetString(data.Slice(position, length));
        position += length + 1;
        return length >= 0;
    }

    private static bool TryNumber(string text, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max;
}
