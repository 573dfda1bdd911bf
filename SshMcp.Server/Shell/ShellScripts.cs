using System.Globalization;
using System.Text;

namespace SshMcp.Server.Shell;

/// <summary>
/// The fixed shell text the server sends. Each script lives in <c>Shell/Scripts/</c>, embedded in the assembly, with
/// the comments that explain it; lines whose first non-blank character is <c>#</c>, and blank lines, are dropped when
/// a script is loaded (once, on first use), so comments cost no byte on the wire. Hence no script may hold such a line
/// as data (in a here-document or a multi-line string). A line <c>@include NAME.sh@</c> stands for that script's
/// lines, so two scripts can share functions without either repeating them. Everything is POSIX sh (and valid zsh);
/// none of it carries a secret. A command itself is framed by <see cref="CommandFrame"/>.
/// </summary>
internal static class ShellScripts
{
    /// <summary>Tag variable exported into every command's environment: <c>__SSHMCP=&lt;session&gt;.&lt;run&gt;</c>.</summary>
    public const string TagVariable = "__SSHMCP";

    private const string ResourcePrefix = "SshMcp.Shell.Scripts.";
    private const string SessionPlaceholder = "@SESSION@";
    private const string IncludeStart = "@include ";

    private const string ExecPlaceholder = "@EXEC@";

    private static readonly Lazy<string> LauncherText = new(() => "exec /bin/sh -c '" + Load("launcher.sh").Replace(ExecPlaceholder, "exec ", StringComparison.Ordinal) + "'");
    private static readonly Lazy<string> LoginShellText = new(() => Load("launcher.sh").Replace(ExecPlaceholder, "", StringComparison.Ordinal));
    private static readonly Lazy<string> SetupText = new(() => Load("setup.sh") + "\n");
    private static readonly Lazy<string> ProbeText = new(() => Load("probe.sh"));
    private static readonly Lazy<string> StopText = new(() => Load("stop.sh") + "\n");
    private static readonly Lazy<string> SftpServerText = new(() => Load("sftp-server.sh"));
    private static readonly Lazy<string> FileWriteText = new(() => Load("file-write.sh") + "\n");
    private static readonly Lazy<string> FileStatText = new(() => Load("file-stat.sh") + "\n");
    private static readonly Lazy<string> FileReadText = new(() => Load("file-read.sh") + "\n");
    private static readonly Lazy<string> RunStartText = new(() => Load("run-start.sh"));
    private static readonly Lazy<string> RunsText = new(() => Load("runs.sh") + "\n");

    /// <summary>The exec request that starts the session's shell: the user's login shell when it speaks sh, else /bin/sh.</summary>
    public static string Launcher => LauncherText.Value;

    /// <summary>
    /// The same choice as <see cref="Launcher"/> as one sh command that runs the shell as a child and ends with its
    /// status, for a parent that stays (the openssh transport's <c>ExitWrapper</c>): one exec fewer on the open's path.
    /// It holds no single quote.
    /// </summary>
    public static string LoginShell => LoginShellText.Value;

    /// <summary>
    /// The first command of every session, framed with <see cref="ShellFlavor.Zsh"/> (plain eval) since the shell's
    /// family is not known yet. Its output is read by <see cref="ShellProbe.TryParse"/>.
    /// </summary>
    public static string Probe => ProbeText.Value;

    /// <summary>The stop script, sent on the stdin of <see cref="StopCommandLine"/>; it prints a <see cref="StopVerdict"/>.</summary>
    public static string Stop => StopText.Value;

    /// <summary>
    /// The exec request that runs the host's SFTP server program, for a client that cannot request the <c>sftp</c>
    /// subsystem; it exits 127 without output where the host has none.
    /// </summary>
    public static string SftpServer => SftpServerText.Value;

    /// <summary>The host's side of a file write: checks, hashes, and undoes the write unless told to commit it.</summary>
    public static string FileWrite => FileWriteText.Value;

    /// <summary>What the host says about a path, for hosts without SFTP.</summary>
    public static string FileStat => FileStatText.Value;

    /// <summary>A byte range of a file on stdout, for hosts without SFTP.</summary>
    public static string FileRead => FileReadText.Value;

    /// <summary>
    /// Runs <paramref name="script"/> with <paramref name="arguments"/> on a channel whose stdin the script may then read
    /// as data: the exec request is one line that reads exactly the script's bytes from stdin and evaluates them (so it
    /// reads in every login shell, csh and fish included), and the script goes first on stdin.
    /// </summary>
    public static ScriptLaunch Launch(string script, params IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(arguments);
        var bytes = Encoding.UTF8.GetBytes(script);
        var line = new StringBuilder(64 + arguments.Sum(a => a.Length + 3));
        line.Append(CultureInfo.InvariantCulture, $"exec /bin/sh -c 'eval \"$(dd bs=1 count={bytes.Length} 2>/dev/null)\"' sshmcp");
        foreach (var argument in arguments)
        {
            line.Append(' ');
            ShellQuoting.AppendQuoted(line, argument);
        }

        return new ScriptLaunch(line.ToString(), bytes);
    }

    /// <summary>
    /// Defines the session shell's <c>__sm_r</c>, which starts a background run; sent (framed) before a session's
    /// first one. See <see cref="RunStartCall"/>.
    /// </summary>
    public static string RunStartDefinition => RunStartText.Value;

    /// <summary>The script that answers about background runs, sent on the stdin of <see cref="RunsCommandLine"/>.</summary>
    public static string Runs => RunsText.Value;

    /// <summary>
    /// The framed command that starts a background run: <c>__sm_r RUN OWNER MINUTES 'COMMAND'</c>. Its output is read by
    /// <see cref="RunStartReply.Parse"/>. <paramref name="retentionMinutes"/> is the age past which ended runs' output
    /// is swept.
    /// </summary>
    public static string RunStartCall(string runId, string owner, int retentionMinutes, string command)
    {
        RequireWord(runId, allowDot: false);
        RequireWord(owner, allowDot: false);
        ArgumentOutOfRangeException.ThrowIfNegative(retentionMinutes);
        var builder = new StringBuilder(command.Length + 80);
        builder.Append(CultureInfo.InvariantCulture, $"__sm_r {runId} {owner} {retentionMinutes} ");
        ShellQuoting.AppendQuoted(builder, command);
        return builder.ToString();
    }

    /// <summary>
    /// The exec request that runs <see cref="Runs"/> on a second channel: <c>exec /bin/sh -s OP OWNER ARGS...</c>.
    /// Every argument is a word of letters, digits, '_' and '-' (run ids, numbers, stream names).
    /// </summary>
    public static string RunsCommandLine(string operation, string owner, params ReadOnlySpan<string> arguments)
    {
        RequireWord(operation, allowDot: false);
        RequireWord(owner, allowDot: false);
        var line = new StringBuilder("exec /bin/sh -s ").Append(operation).Append(' ').Append(owner);
        foreach (var argument in arguments)
        {
            RequireWord(argument, allowDot: false);
            line.Append(' ').Append(argument);
        }

        return line.ToString();
    }

    /// <summary>
    /// Sent once, after the profile ran: keeps the channel's stdout and stderr as fds 8 and 9 and defines the helpers
    /// each frame calls (<c>__sm_b</c>, <c>__sm_e</c>). <paramref name="sessionId"/> becomes the prefix of every tag.
    /// </summary>
    public static string Setup(string sessionId)
    {
        RequireWord(sessionId, allowDot: false);
        return SetupText.Value.Replace(SessionPlaceholder, sessionId, StringComparison.Ordinal);
    }

    /// <summary>
    /// The exec request that runs the stop script (on a second channel, with <see cref="Stop"/> on its stdin):
    /// <c>exec /bin/sh -s PID TAG MODE AGE</c>. <paramref name="tag"/> is a run's tag, the session's prefix
    /// (<c>ID.</c>) for <see cref="StopScope.Session"/>, or a background run's id; <paramref name="maxAgeSeconds"/>
    /// bounds the age of the untagged children of the shell that count as the command's. For
    /// <see cref="StopScope.Background"/>, <paramref name="shellPid"/> is the run's wrapper, or 0 when not known.
    /// </summary>
    public static string StopCommandLine(int shellPid, string tag, StopScope scope, int maxAgeSeconds)
    {
        if (scope == StopScope.Background)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(shellPid);
        }
        else
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shellPid);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxAgeSeconds);
        RequireWord(tag, allowDot: true);
        var mode = scope switch
        {
            StopScope.Session => "all",
            StopScope.Background => "bg",
            _ => "run",
        };
        return string.Create(CultureInfo.InvariantCulture, $"exec /bin/sh -s {shellPid} {tag} {mode} {maxAgeSeconds}");
    }

    /// <summary>Ids and tags are spliced into shell text unquoted: letters, digits, '_', '-' (and '.' in a tag) only.</summary>
    private static void RequireWord(string value, bool allowDot)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-') && !(allowDot && c == '.'))
            {
                throw new ArgumentException($"'{value}' is not a session id or tag the shell scripts accept.", nameof(value));
            }
        }
    }

    private static string Load(string name)
    {
        using var stream = typeof(ShellScripts).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The shell script {name} is not embedded in the server assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var kept = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var text = line.AsSpan().Trim();
            if (text.StartsWith(IncludeStart, StringComparison.Ordinal) && text.EndsWith('@'))
            {
                kept.Add(Load(text[IncludeStart.Length..^1].ToString()));
            }
            else if (!text.IsEmpty && text[0] != '#')
            {
                kept.Add(line);
            }
        }

        return string.Join('\n', kept);
    }
}
