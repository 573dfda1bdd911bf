namespace SshMcp.Server.Runs;

/// <summary>
/// What <see cref="RunSpool.Read"/> found: <see cref="Count"/> bytes from <see cref="Offset"/> (relative to the run);
/// the stream's size so far; and the part the spool still keeps: [<see cref="FirstKept"/>, <see cref="Kept"/>).
/// </summary>
internal readonly record struct SpoolRead(long Offset, int Count, long TotalBytes, long FirstKept, long Kept, bool Running, int? ExitCode);
