namespace SshMcp.Tests.Shell;

/// <summary>One command's output and trailer as a <see cref="LocalShellSession"/> read them back.</summary>
internal sealed record LocalRunResult(string Stdout, string Stderr, int ExitCode, string Cwd);
