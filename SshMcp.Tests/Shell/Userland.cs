namespace SshMcp.Tests.Shell;

/// <summary>The tools on the stop script's PATH.</summary>
public enum Userland
{
    /// <summary>This machine's: procps ps, GNU grep, mawk or gawk.</summary>
    System,

    /// <summary>Only busybox's applets (see <see cref="BusyboxBin"/>), as on Alpine: a ps without etimes or -p.</summary>
    Busybox,
}
