using System.Runtime.Versioning;

// The tests start OpenSSH's sshd, create Unix users and read /proc: they run on Linux only.
[assembly: SupportedOSPlatform("linux")]
