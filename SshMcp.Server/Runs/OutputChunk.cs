using Orleans;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Runs;

/// <summary>
/// A piece of a run's output: <see cref="Text"/> covers bytes [<see cref="Offset"/>, <see cref="NextOffset"/>) of the
/// stream (base64 of them when <see cref="Base64"/>). <see cref="TruncatedAtStart"/>: the bytes asked for were no longer
/// kept, so the piece starts later. <see cref="Binary"/>: the bytes are not UTF-8 text (the text is then empty unless
/// base64 was asked for).
/// </summary>
[GenerateSerializer]
internal sealed record OutputChunk(
    string RunId,
    RemoteStream Stream,
    string Text,
    long Offset,
    long NextOffset,
    long TotalBytes,
    bool Running,
    int? ExitCode,
    bool TruncatedAtStart,
    bool Base64,
    bool Binary,
    string? Notice);
