using System.Security.Cryptography;
using System.Text;

namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// Everything <c>ssh -G</c> reads, taken before it runs: the ssh program (size and time), its environment and working
/// directory, and every config file it opens, followed through Include in every block, active or not (path, kind,
/// mode, content), all hashed into one fingerprint. Equal fingerprints mean ssh -G prints the same, unless a file
/// asks for something outside them (see <see cref="NotCacheable"/>).
/// </summary>
internal sealed class ConfigSnapshot
{
    private static readonly string[] OutsideMatchCriteria = ["exec", "localnetwork", "canonical", "final"];

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly LocalAccount _account;
    private readonly string _systemDirectory;
    private int _files;

    private ConfigSnapshot(LocalAccount account, string systemDirectory)
    {
        _account = account;
        _systemDirectory = systemDirectory;
    }

    /// <summary>SHA-256 over all inputs, in the order ssh reads them.</summary>
    public string Fingerprint { get; private set; } = "";

    /// <summary>Why ssh -G's output may change while these inputs stay the same, or null when it cannot.</summary>
    public string? NotCacheable { get; private set; }

    /// <param name="configPath">ssh's <c>-F</c>, or null for the account's file and <paramref name="systemConfigPath"/>.</param>
    /// <param name="environment">The environment ssh runs with.</param>
    public static ConfigSnapshot Take(string sshPath, string? configPath, LocalAccount account, string systemConfigPath, IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var snapshot = new ConfigSnapshot(account, Path.GetDirectoryName(systemConfigPath) ?? "/");
        using (snapshot._hash)
        {
            var program = new FileInfo(sshPath);
            snapshot.Add(sshPath, program.Exists ? $"{program.Length}:{program.LastWriteTimeUtc.Ticks}" : "missing");
            snapshot.Add(Environment.CurrentDirectory, string.Join('\0', environment.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}")));
            foreach (var file in TopLevelConfigFile.For(configPath, account, systemConfigPath))
            {
                snapshot.AddFile(file.Path, file.Scope.HasFlag(ConfigReader.Scope.User), depth: 0);
            }

            snapshot.Fingerprint = Convert.ToHexStringLower(snapshot._hash.GetHashAndReset());
        }

        return snapshot;
    }

    private void AddFile(string path, bool userFile, int depth)
    {
        if (NotCacheable is not null)
        {
            return;
        }

        if (depth > ConfigReader.MaxIncludeDepth || ++_files > ConfigReader.MaxFiles)
        {
            NotCacheable = "Include nesting or a file count beyond the limits";
            return;
        }

        byte[] content;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                Add(path, Directory.Exists(path) ? "directory" : "missing");
                return;
            }

            if (file.Length > ConfigReader.MaxFileBytes)
            {
                NotCacheable = "a config file larger than the limit";
                return;
            }

            content = File.ReadAllBytes(path);
            Add(path, $"file:{(OperatingSystem.IsWindows() ? 0 : (int)file.UnixFileMode)}:{content.Length}");
            _hash.AppendData(content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Add(path, "unreadable:" + e.GetType().Name);
            return;
        }

        Scan(content, userFile, depth);
    }

    // Looks at every line, in any block, for what the snapshot cannot follow, and for Include to follow.
    private void Scan(byte[] content, bool userFile, int depth)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(content));
        while (reader.ReadLine() is { } text && NotCacheable is null)
        {
            try
            {
                if (ConfigLine.Parse(text) is { } line)
                {
                    NotCacheable = Check(line);
                    if (NotCacheable is null && line.Keyword == "include")
                    {
                        foreach (var file in line.Arguments.SelectMany(a => IncludePath.Expand(a, userFile, _systemDirectory, _account)))
                        {
                            AddFile(file, userFile, depth + 1);
                        }
                    }
                }
            }
            catch (FormatException)
            {
                NotCacheable = "a config line that does not parse";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                NotCacheable = "an Include directory that cannot be read";
            }
        }
    }

    private static string? Check(ConfigLine line) => line.Keyword switch
    {
        "match" when MatchCriteria(line.Rest).FirstOrDefault(c => OutsideMatchCriteria.Contains(c)) is { } criterion =>
            $"a Match {criterion} line (its result depends on more than the files)",
        "canonicalizehostname" when !line.Arguments.All(a => a.Equals("no", StringComparison.OrdinalIgnoreCase)) =>
            "CanonicalizeHostname (its result depends on DNS)",
        "include" when line.Arguments.Any(a => a.Contains('%', StringComparison.Ordinal) || a.Contains('$', StringComparison.Ordinal)) =>
            "an Include path with % or $",
        _ => null,
    };

    // Every word of a Match line, lower case and without '!': an argument that reads like a criterion only costs a miss.
    private static IEnumerable<string> MatchCriteria(string rest)
    {
        var position = 0;
        while (ConfigLine.NextToken(rest, ref position) is { Length: > 0 } token)
        {
            yield return token.TrimStart('!').ToLowerInvariant();
        }
    }

    // Length-prefixed, so no two different inputs hash the same text.
    private void Add(string name, string state)
    {
        foreach (var part in (string[])[name, state])
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            _hash.AppendData(BitConverter.GetBytes(bytes.Length));
            _hash.AppendData(bytes);
        }
    }
}
