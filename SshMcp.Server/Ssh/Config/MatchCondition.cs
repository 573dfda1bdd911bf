namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// Evaluates a <c>Match</c> line as OpenSSH 9.2 does: criteria <c>all</c>, <c>host</c>, <c>originalhost</c>,
/// <c>user</c>, <c>localuser</c>, <c>canonical</c> and <c>final</c> (true in the second pass, which <c>final</c>
/// requests), each negatable with <c>!</c>, all of them must hold. <c>exec</c> is refused when reached: the built-in
/// parser runs no commands.
/// </summary>
internal sealed class MatchCondition
{
    private readonly MatchContext _context;

    public MatchCondition(MatchContext context) => _context = context;

    /// <summary>Set once a <c>final</c> criterion was seen, even in a block that did not apply.</summary>
    public bool WantsFinalPass { get; private set; }

    /// <summary>Whether the block applies; throws <see cref="FormatException"/> for a bad or unsupported condition.</summary>
    public bool Evaluate(string condition)
    {
        var position = 0;
        var result = true;
        var attributes = 0;
        while (ConfigLine.NextToken(condition, ref position) is { Length: > 0 } attribute)
        {
            if (attribute[0] == '#')
            {
                break;
            }

            var negate = attribute[0] == '!';
            var name = (negate ? attribute[1..] : attribute).ToLowerInvariant();
            if (name == "all")
            {
                var next = ConfigLine.NextToken(condition, ref position);
                if (attributes > 1 || next is { Length: > 0 } && next[0] != '#')
                {
                    throw new FormatException($"'{attribute}' cannot be combined with other Match attributes");
                }

                return result && !negate;
            }

            attributes++;
            if (name is "canonical" or "final")
            {
                WantsFinalPass |= name == "final";
                result &= _context.FinalPass != negate;
                continue;
            }

            var argument = ConfigLine.NextToken(condition, ref position);
            if (argument is null || argument.Length == 0 || argument[0] == '#')
            {
                throw new FormatException($"Missing Match criteria for {name}");
            }

            if (name == "exec")
            {
                if (result)
                {
                    throw new FormatException("Match exec is not supported without the ssh program: the built-in parser runs no commands. Install OpenSSH's ssh or change this Match");
                }

                continue;
            }

            var matched = name switch
            {
                "host" => SshPatterns.MatchesHostName(_context.Host(), argument),
                "originalhost" => SshPatterns.MatchesHostName(_context.OriginalHost, argument),
                "user" => SshPatterns.MatchesList(_context.RemoteUser(), argument, lowerPatterns: false),
                "localuser" => SshPatterns.MatchesList(_context.LocalUser, argument, lowerPatterns: false),
                _ => throw new FormatException($"Unsupported Match attribute {name}"),
            };
            result &= matched != negate;
        }

        return attributes == 0 ? throw new FormatException("One or more attributes required for Match") : result;
    }
}
