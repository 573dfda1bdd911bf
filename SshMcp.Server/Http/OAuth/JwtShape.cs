using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace SshMcp.Server.Http.OAuth;

/// <summary>
/// Tells a JWT from a static token without validating it: three dot-separated base64url parts whose first decodes
/// to a JSON object (the JOSE header). A static token that merely contains two dots is not one, so each token goes
/// to exactly one scheme.
/// </summary>
internal static class JwtShape
{
    private const int MaxHeaderChars = 4096;

    public static bool Matches(string token)
    {
        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        if (firstDot <= 0 || firstDot > MaxHeaderChars)
        {
            return false;
        }

        var secondDot = token.IndexOf('.', firstDot + 1);
        if (secondDot < 0 || token.IndexOf('.', secondDot + 1) >= 0)
        {
            return false;
        }

        var header = token.AsSpan(0, firstDot);
        var bytes = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(header.Length));
        try
        {
            if (Base64Url.DecodeFromChars(header, bytes, out _, out var written) != OperationStatus.Done)
            {
                return false;
            }

            var reader = new Utf8JsonReader(bytes.AsSpan(0, written));
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.TrySkip();
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
