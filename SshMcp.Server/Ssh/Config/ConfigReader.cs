namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// One pass over the config files, as ssh's read_config_file: lines apply until a Host or Match line decides
/// whether the next block applies; Include reads other files in place (a block that does not apply is read for
/// syntax only). Bounded: include depth, file size and number of files.
/// </summary>
internal sealed class ConfigReader
{
    public const int MaxIncludeDepth = 16;
    public const long MaxFileBytes = 1024 * 1024;
    public const int MaxFiles = 256;

    private readonly ConfigState _state;
    private readonly LocalAccount _account;
    private readonly string _hostForHostLines;
    private readonly string _systemDirectory;
    private readonly MatchCondition _match;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly CancellationToken _cancellationToken;
    private int _filesRead;

    /// <param name="hostForHostLines">What Host patterns match: the alias as typed, or in the final pass the host name.</param>
    /// <param name="systemDirectory">Where a relative Include in the system file points (ssh: /etc/ssh).</param>
    public ConfigReader(ConfigState state, LocalAccount account, string alias, string hostForHostLines, bool finalPass, string systemDirectory, Func<string, string?> getEnvironmentVariable, CancellationToken cancellationToken)
    {
        _state = state;
        _account = account;
        _hostForHostLines = hostForHostLines;
        _systemDirectory = systemDirectory;
        _match = new MatchCondition(new MatchContext(state, alias, account.UserName, finalPass));
        _getEnvironmentVariable = getEnvironmentVariable;
        _cancellationToken = cancellationToken;
    }

    [Flags]
    public enum Scope
    {
        System = 0,

        /// <summary>A user file: relative Include under <c>~/.ssh</c>, <c>~</c> allowed in Include.</summary>
        User = 1,

        /// <summary>ssh refuses a file that others may write.</summary>
        CheckPermissions = 2,

        /// <summary>Inside a block that does not apply: check syntax, apply nothing.</summary>
        NeverMatch = 4,
    }

    /// <summary>Whether a <c>Match final</c> asked for a second pass.</summary>
    public bool WantsFinalPass => _match.WantsFinalPass;

    /// <summary>Reads a top-level file. One that cannot be opened is skipped, as ssh does, unless <paramref name="required"/> (<c>-F</c>).</summary>
    public void ReadTopLevel(string path, Scope scope, bool required)
    {
        var active = true;
        if (!ReadFile(path, scope, ref active, depth: 0, out var failure) && required)
        {
            throw SshConfigErrors.Invalid($"Can't open user config file {path}: {failure ?? "No such file or directory"}");
        }
    }

    /// <returns>False when the file is missing (<paramref name="failure"/> null) or unreadable.</returns>
    private bool ReadFile(string path, Scope scope, ref bool active, int depth, out string? failure)
    {
        failure = null;
        _cancellationToken.ThrowIfCancellationRequested();
        if (depth > MaxIncludeDepth)
        {
            throw SshConfigErrors.Invalid($"{path}: Too many recursive configuration includes (more than {MaxIncludeDepth})");
        }

        if (++_filesRead > MaxFiles)
        {
            throw SshConfigErrors.Invalid($"{path}: more than {MaxFiles} config files read; check Include for a loop");
        }

        string[] lines;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return Directory.Exists(path); // ssh opens a directory and reads no line from it
            }

            if (file.Length > MaxFileBytes)
            {
                throw SshConfigErrors.Invalid($"{path}: larger than {MaxFileBytes / 1024} KiB");
            }

            if (scope.HasFlag(Scope.CheckPermissions) && !OperatingSystem.IsWindows()
                && (file.UnixFileMode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            {
                throw SshConfigErrors.Invalid($"Bad owner or permissions on {path}");
            }

            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = e is UnauthorizedAccessException ? "Permission denied" : e.Message;
            return false;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var where = $"{path} line {i + 1}";
            try
            {
                ProcessLine(lines[i], where, scope, ref active, depth);
            }
            catch (FormatException e)
            {
                throw SshConfigErrors.Invalid($"{where}: {e.Message}");
            }
        }

        return true;
    }

    private void ProcessLine(string text, string where, Scope scope, ref bool active, int depth)
    {
        if (ConfigLine.Parse(text) is not { } line)
        {
            return;
        }

        switch (line.Keyword)
        {
            case "host":
                active = HostMatches(line.Arguments, scope);
                return;
            case "match":
                var matched = _match.Evaluate(line.Rest);
                active = matched && !scope.HasFlag(Scope.NeverMatch);
                return;
            case "include":
                Include(line.Arguments, where, scope, ref active, depth);
                return;
        }

        var hadHostName = _state.HostName is not null;
        if (!ConfigLineApplier.TryApply(_state, line, active, scope.HasFlag(Scope.User), _getEnvironmentVariable)
            && !ConfigKeywords.All.Contains(line.Keyword)
            && !(_state.IgnoreUnknown is { } ignored && SshPatterns.MatchesList(line.Keyword, ignored, lowerPatterns: true)))
        {
            throw new FormatException($"Bad configuration option: {line.Keyword}");
        }

        if (!hadHostName && _state.HostName is not null)
        {
            _state.HostNameOrigin = where;
        }
    }

    // Host: the block applies when a pattern matches the host and no negated pattern does.
    private bool HostMatches(IReadOnlyList<string> patterns, Scope scope)
    {
        var matched = false;
        foreach (var pattern in patterns)
        {
            if (pattern.Length == 0)
            {
                throw new FormatException("keyword host empty argument");
            }

            if (scope.HasFlag(Scope.NeverMatch))
            {
                return false;
            }

            var negated = pattern[0] == '!';
            if (SshPatterns.Matches(_hostForHostLines, negated ? pattern[1..] : pattern))
            {
                if (negated)
                {
                    return false;
                }

                matched = true;
            }
        }

        return matched;
    }

    private void Include(IReadOnlyList<string> arguments, string where, Scope scope, ref bool active, int depth)
    {
        foreach (var argument in arguments)
        {
            var outerActive = active;
            var nested = scope | Scope.CheckPermissions | (outerActive ? 0 : Scope.NeverMatch);
            foreach (var file in IncludePath.Expand(argument, scope.HasFlag(Scope.User), _systemDirectory, _account))
            {
                if (!ReadFile(file, nested, ref active, depth + 1, out var failure) && failure is not null)
                {
                    throw new FormatException($"Can't open user config file {file}: {failure}");
                }

                active = outerActive; // a Match or Host in the included file does not leak out of it
            }
        }
    }
}
