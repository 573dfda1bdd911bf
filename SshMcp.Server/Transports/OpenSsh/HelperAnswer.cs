namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>What the helper prints for a request: a line of text, nothing (a successful empty answer), or a refusal.</summary>
internal readonly record struct HelperAnswer(string? Text, bool Refused)
{
    public static HelperAnswer Refuse { get; } = new(null, true);

    public static HelperAnswer Nothing { get; } = new(null, false);

    public static HelperAnswer Line(string text) => new(text, false);

    /// <summary>The wire form (see Scripts/helper.sh). A text holding a line break cannot be printed as one line: refused.</summary>
    public string ToLine() => this switch
    {
        { Refused: true } => "-\n",
        { Text: null } => "=\n",
        { Text: var text } when text.Contains('\n', StringComparison.Ordinal) => "-\n",
        { Text: var text } => "+" + text + "\n",
    };

    /// <summary>Avoids printing the text (it may be a password) if a record's default ToString is ever reached.</summary>
    public override string ToString() => Refused ? "refused" : Text is null ? "nothing" : "a line";
}
