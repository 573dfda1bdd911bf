using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SshMcp.AppHost.Sshd;

/// <summary>The <c>Sshd</c> configuration section of the AppHost (<c>--Sshd:Mode=local</c>, <c>Sshd__User=…</c>).</summary>
public sealed class SshdSettings
{
    public const string SectionName = "Sshd";

    /// <summary>linuxserver.io's OpenSSH image, pinned to one OpenSSH release; it listens on 2222.</summary>
    public const string ContainerRegistry = "lscr.io";

    public const string ContainerImage = "linuxserver/openssh-server";

    public const string ContainerTag = "version-9.9_p2-r0";

    public const int ContainerPort = 2222;

    /// <summary>The account a root AppHost creates for the local sshd: the agent never logs in as root.</summary>
    public const string DefaultLocalUser = "sshmcp-dev";

    public const string DefaultContainerUser = "agent";

    public SshdMode Mode { get; set; } = SshdMode.Auto;

    /// <summary>
    /// The login account. Local mode as root: an existing or to-be-created unprivileged user (default
    /// <see cref="DefaultLocalUser"/>); local mode as any other user: that user only (sshd cannot switch users
    /// without root). Container mode: the account made in the container (default <see cref="DefaultContainerUser"/>).
    /// </summary>
    public string? User { get; set; }

    public static SshdSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var settings = new SshdSettings { User = NullIfEmpty(section[nameof(User)]) };
        var mode = section[nameof(Mode)];
        if (!string.IsNullOrWhiteSpace(mode))
        {
            settings.Mode = Enum.TryParse<SshdMode>(mode, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture, $"{SectionName}:{nameof(Mode)} must be auto, local or container; it is '{mode}'."));
        }

        return settings;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
