using System.Security.Cryptography;
using System.Text;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Elicitation;

/// <summary>
/// Reads the secret page's form (<c>application/x-www-form-urlencoded</c>: <c>secret</c> and <c>action</c>) from the
/// body's bytes without the framework's form reader, which would keep the secret in strings: the value is decoded
/// into a buffer of ours, copied into a <see cref="Secret"/>, and the buffer zeroed.
/// </summary>
internal sealed class SecretForm : IDisposable
{
    public const string SecretField = "secret";
    public const string ActionField = "action";
    public const string CancelAction = "cancel";

    private SecretForm(string? action, Secret? secret)
    {
        Action = action;
        Secret = secret;
    }

    /// <summary>The button pressed: <c>send</c>, <c>cancel</c>, or null.</summary>
    public string? Action { get; }

    /// <summary>The typed value, or null when the field was missing or empty. Disposed with the form unless taken.</summary>
    public Secret? Secret { get; private set; }

    public static SecretForm Parse(ReadOnlySpan<byte> body)
    {
        string? action = null;
        Secret? secret = null;
        var scratch = GC.AllocateUninitializedArray<byte>(body.Length, pinned: true);
        try
        {
            foreach (var range in body.Split((byte)'&'))
            {
                var pair = body[range];
                var equals = pair.IndexOf((byte)'=');
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? [] : pair[(equals + 1)..];
                if (name.SequenceEqual("secret"u8) && secret is null)
                {
                    var length = Decode(value, scratch);
                    secret = length == 0 ? null : Secret.FromUtf8(scratch.AsSpan(0, length));
                }
                else if (name.SequenceEqual("action"u8) && action is null)
                {
                    var length = Decode(value, scratch);
                    action = Encoding.UTF8.GetString(scratch, 0, Math.Min(length, 16));
                }
            }

            return new SecretForm(action, secret);
        }
        catch
        {
            secret?.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scratch);
        }
    }

    /// <summary>Hands the secret over: the caller owns it from now on.</summary>
    public Secret? TakeSecret()
    {
        var secret = Secret;
        Secret = null;
        return secret;
    }

    public void Dispose() => Secret?.Dispose();

    /// <summary>Form decoding: <c>+</c> is a space, <c>%XX</c> a byte; a malformed escape stays as written.</summary>
    private static int Decode(ReadOnlySpan<byte> encoded, Span<byte> into)
    {
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == '+')
            {
                b = (byte)' ';
            }
            else if (b == '%' && i + 2 < encoded.Length && HexValue(encoded[i + 1]) is { } high && HexValue(encoded[i + 2]) is { } low)
            {
                b = (byte)((high << 4) | low);
                i += 2;
            }

            into[length++] = b;
        }

        return length;
    }

    private static int? HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => null,
    };
}
