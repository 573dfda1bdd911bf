using SshMcp.Server.Shell;

namespace SshMcp.Server.Sessions;

/// <summary>How much of a command's output its result shows per stream, and where every byte goes besides (or null).</summary>
internal sealed record RunCapture(int MaxOutputBytes, IByteSink? StdoutCopy, IByteSink? StderrCopy);
