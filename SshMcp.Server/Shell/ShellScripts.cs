namespace SshMcp.Server.Shell;

/// <summary>
/// The fixed shell text the server sends. Everything here is POSIX sh (and valid zsh); none of it carries a
/// secret or a command's text.
/// </summary>
internal static class ShellScripts
{
    /// <summary>Tag variable exported into every command's environment: <c>__SSHMCP=&lt;session&gt;.&lt;run&gt;</c>.</summary>
    public const string TagVariable = "__SSHMCP";

    /// <summary>
    /// The exec request that starts the session's shell. It runs under the user's login shell, whatever that is,
    /// hence the detour through /bin/sh: the user's shell is kept when it speaks sh syntax, otherwise /bin/sh is used.
    /// <c>-l</c> makes it a login shell reading commands from stdin, with the PATH and profile of a normal login.
    /// </summary>
    public const string Launcher =
        "exec /bin/sh -c 'case \"${SHELL##*/}\" in bash|zsh|ksh|ksh93|mksh|dash|ash|sh) exec \"$SHELL\" -l;; *) exec /bin/sh -l;; esac'";

    /// <summary>
    /// Sent once, after the profile ran. Saves the channel's stdout and stderr as fds 8 and 9 so that the markers
    /// reach the server even when a command redirects its own output for good (<c>exec &gt;log</c>, <c>exec 2&gt;&amp;1</c>),
    /// and defines the two helpers each frame calls: <c>__sm_b NONCE RUN RC</c> prints the begin markers, tags the
    /// command's environment and restores the previous <c>$?</c>; <c>__sm_e RC</c> prints the end markers and the
    /// trailer. Short names matter: bash reads a pipe one byte at a time, so every byte of a frame costs latency.
    /// </summary>
    public static string Setup(string sessionId) =>
        "exec 8>&1 9>&2; __sm_s=" + sessionId + "\n" +
        "__sm_b() { __sm_n=$1; printf '\\036%s{' \"$1\" >&8; printf '\\036%s[' \"$1\" >&9; " +
        TagVariable + "=$__sm_s.$2; export " + TagVariable + "; return \"$3\"; }\n" +
        "__sm_e() { printf '\\036%s]' \"$__sm_n\" >&9; printf '\\036%s}%d;%s\\036%s.' \"$__sm_n\" \"$1\" \"$PWD\" \"$__sm_n\" >&8; }\n";

    /// <summary>
    /// The first command of every session: reports the shell's PID and family, and makes bash expand aliases as an
    /// interactive terminal would.
    /// </summary>
    public const string Probe =
        "printf '%s %s' \"$$\" \"${ZSH_VERSION:+zsh}\"; [ -n \"${BASH_VERSION:-}\" ] && shopt -s expand_aliases; :";

    /// <summary>
    /// Stops processes on the host, run on a short-lived second channel as <c>/bin/sh -s PID TAG MODE AGE</c> with this
    /// text on stdin. MODE <c>run</c>: what one command started (processes carrying its tag, the shell's untagged children
    /// younger than AGE seconds, and their descendants), never the shell nor earlier commands' background jobs. MODE <c>all</c>: the shell and everything tagged with
    /// the session. Sends INT, then TERM, then KILL, re-reading the process table between rounds, and prints
    /// <c>none</c>, <c>stopped</c> or <c>unconfirmed PIDS</c>.
    /// </summary>
    public const string Stop = """
        S=$1 T=$2 M=$3 E=$4
        # Roots: processes carrying the tag (read from /proc/PID/environ, which holds the environment a process was
        # started with) and, by mode, the shell itself or the shell's untagged young children (forked subshells).
        roots() {
          if [ -r /proc/self/environ ]; then
            if [ "$M" = all ]; then grep -lsaF "__SSHMCP=$T" /proc/[0-9]*/environ
            else grep -lsazxF "__SSHMCP=$T" /proc/[0-9]*/environ; fi 2>/dev/null
          fi
          if [ "$M" = all ]; then echo "/proc/$S/"; else
            for c in $(ps -o pid= -o etimes= --ppid "$S" 2>/dev/null | awk -v e="$E" '$2 <= e { print $1 }'); do
              grep -qsaF "__SSHMCP=" "/proc/$c/environ" 2>/dev/null || echo "/proc/$c/"
            done
          fi
        }
        # The roots and all their descendants, zombies and (in run mode) the shell left out: one ps, one awk.
        tree() {
          { roots; echo --; ps -e -o pid= -o ppid= -o stat= 2>/dev/null; } | awk -v s="$S" -v m="$M" '
            $1 == "--" { table = 1; next }
            !table { split($0, f, "/"); want[f[3]] = 1; next }
            { pp[$1] = $2; st[$1] = $3; seen = 1 }
            END {
              if (seen) do { c = 0; for (p in pp) if (!(p in want) && (pp[p] in want)) { want[p] = 1; c = 1 } } while (c)
              for (p in want) if (p != "" && (!seen || ((p in st) && st[p] !~ /^Z/)) && (m == "all" || p != s)) printf "%s ", p
            }'
        }
        alive() {
          for p in $1; do
            if [ -r "/proc/$p/stat" ]; then
              read -r l < "/proc/$p/stat" 2>/dev/null || continue
              case "${l##*) }" in Z*) ;; *) printf '%s ' "$p" ;; esac
            elif [ ! -d /proc/self ] && kill -0 "$p" 2>/dev/null; then printf '%s ' "$p"; fi
          done
        }
        P=$(tree)
        [ -n "$P" ] || { echo none; exit 0; }
        # A command is interrupted first, as Ctrl-C would; a session's shell and background jobs ignore INT.
        if [ "$M" = all ]; then ROUNDS="TERM:6 KILL:40"; else ROUNDS="INT:6 TERM:6 KILL:40"; fi
        for round in $ROUNDS; do
          kill -s "${round%:*}" $P 2>/dev/null
          i=0
          while [ "$i" -lt "${round#*:}" ]; do
            sleep 0.05 2>/dev/null || sleep 1
            P=$(alive "$P")
            [ -n "$P" ] || break
            i=$((i + 1))
          done
          # Gone, or time for a harder signal: look again for processes started meanwhile.
          P=$(tree)
          [ -n "$P" ] || { echo stopped; exit 0; }
        done
        echo "unconfirmed $P"
        """;
}
