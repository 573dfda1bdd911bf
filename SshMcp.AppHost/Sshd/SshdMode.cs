namespace SshMcp.AppHost.Sshd;

/// <summary>Where the disposable OpenSSH server comes from (<c>Sshd:Mode</c>).</summary>
public enum SshdMode
{
    /// <summary>A container when a container runtime answers, otherwise <see cref="Local"/>.</summary>
    Auto,

    /// <summary>This machine's <c>/usr/sbin/sshd</c> as an executable resource, on a free loopback port, key login only.</summary>
    Local,

    /// <summary>The pinned <see cref="SshdSettings.ContainerImage"/> with a password login.</summary>
    Container,
}
