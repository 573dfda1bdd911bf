using System.Diagnostics.CodeAnalysis;

namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>Converts <see cref="HostKeyPolicy"/> to and from its configuration spelling (<c>accept-new</c>, <c>strict</c>, <c>off</c>).</summary>
public static class HostKeyPolicyParser
{
    /// <summary>The accepted configuration values, for error messages and documentation.</summary>
    public const string AllowedValues = "accept-new, strict, off";

    /// <summary>
    /// Parses a configuration value. Case and surrounding spaces are ignored; the enum member names
    /// (<c>AcceptNew</c>) are accepted too, because a configuration binder or a serializer may produce them.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out HostKeyPolicy policy)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "ACCEPT-NEW" or "ACCEPTNEW":
                policy = HostKeyPolicy.AcceptNew;
                return true;
            case "STRICT":
                policy = HostKeyPolicy.Strict;
                return true;
            case "OFF":
                policy = HostKeyPolicy.Off;
                return true;
            default:
                policy = default;
                return false;
        }
    }

    /// <summary>The configuration spelling of <paramref name="policy"/>.</summary>
    public static string ToConfigString(this HostKeyPolicy policy) => policy switch
    {
        HostKeyPolicy.AcceptNew => "accept-new",
        HostKeyPolicy.Strict => "strict",
        HostKeyPolicy.Off => "off",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown host key policy."),
    };
}
