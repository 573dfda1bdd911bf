using System.Text.Json.Serialization;

namespace SshMcp.Server.Tools;

/// <summary>The result of <c>ssh_output</c>: bytes [offset, nextOffset) of one stream of a run.</summary>
/// <param name="Text">The bytes as text (whole UTF-8 characters), or base64 when Encoding says so.</param>
/// <param name="NextOffset">Where the next read continues; equal to totalBytes once everything so far was read.</param>
/// <param name="TotalBytes">The stream's size so far.</param>
/// <param name="Running">True while the run goes on (more output may come).</param>
/// <param name="ExitCode">Once the run ended: its exit status.</param>
/// <param name="TruncatedAtStart">Present (true) when the bytes asked for were no longer kept: the text starts later, at offset.</param>
/// <param name="Encoding">"base64" when Text holds base64.</param>
public sealed record OutputResult(
    string RunId,
    string Stream,
    string Text,
    long Offset,
    long NextOffset,
    long TotalBytes,
    bool Running,
    int? ExitCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool TruncatedAtStart = false,
    string? Encoding = null,
    string? Notice = null);
