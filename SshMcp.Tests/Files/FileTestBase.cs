using System.Security.Cryptography;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Files;

/// <summary>
/// A fresh server whose localPath root is a temp directory of its own, and helpers to open a session on the shared sshd
/// whose cwd is a fresh directory in the test user's home. The sshd is local, so the host's files are this machine's:
/// a test checks them directly.
/// </summary>
public abstract class FileTestBase(SshdFixture sshd) : IAsyncLifetime
{
    /// <summary>The transports every file test runs on.</summary>
    public static IReadOnlyList<string> TransportNames { get; } = ["sshnet", "openssh"];

    public static TheoryData<string> Transports => [.. TransportNames];

    private readonly List<string> _workDirectories = [];

    protected SshdFixture Sshd => sshd;

    protected McpServerHarness Server { get; private set; } = null!;

    /// <summary>The server's <c>SshMcp:Files:LocalRoot</c>.</summary>
    protected string LocalRoot { get; private set; } = "";

    protected string Home => $"/home/{sshd.Username}";

    /// <summary>True: the server is told to use shell tools (<c>Files:Sftp=exec</c>), as on a host without SFTP.</summary>
    protected virtual bool OverExec => false;

    /// <summary>What results say in <c>via</c>: nothing over SFTP, <c>exec</c> over shell tools.</summary>
    protected string? Via => OverExec ? "exec" : null;

    protected virtual IDictionary<string, string?> Settings => OverExec
        ? new Dictionary<string, string?> { ["SshMcp:Files:Sftp"] = "exec" }
        : new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        LocalRoot = Directory.CreateTempSubdirectory("sshmcp-files-").FullName;
        var settings = new Dictionary<string, string?>(Settings) { ["SshMcp:Files:LocalRoot"] = LocalRoot };
        Server = await McpServerHarness.StartAsync(settings);
    }

    public virtual async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(LocalRoot, recursive: true);
        foreach (var directory in _workDirectories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Opens a session over <paramref name="transport"/> whose cwd is a new, empty directory; returns its id and that directory.</summary>
    protected async Task<(string Session, string Directory)> OpenInNewDirectoryAsync(string transport)
    {
        var session = (await Server.OpenAsync(sshd, new Dictionary<string, object?> { ["transport"] = transport })).SessionId;
        var directory = $"{Home}/files-{Guid.NewGuid():N}";
        _workDirectories.Add(directory);
        var made = await Server.ExecAsync(session, $"mkdir -p {directory} && cd {directory}");
        Assert.Equal(0, made.ExitCode);
        return (session, directory);
    }

    protected Task<ReadFileResult> ReadAsync(string session, string path, Dictionary<string, object?>? more = null) =>
        Server.CallAsync<ReadFileResult>(ToolNames.ReadFile, With(session, path, more));

    protected Task<WriteFileResult> WriteAsync(string session, string path, Dictionary<string, object?> more) =>
        Server.CallAsync<WriteFileResult>(ToolNames.WriteFile, With(session, path, more));

    protected Task<string> ErrorAsync(string tool, string session, string path, Dictionary<string, object?>? more = null) =>
        Server.CallErrorAsync(tool, With(session, path, more));

    /// <summary>A local file of <paramref name="bytes"/> random bytes in the local root, written in pieces; returns its name and sha256.</summary>
    protected async Task<(string Name, string Sha256)> RandomLocalFileAsync(long bytes)
    {
        var name = $"random-{Guid.NewGuid():N}.bin";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = File.Create(Path.Combine(LocalRoot, name)))
        {
            var buffer = new byte[1024 * 1024];
            for (long left = bytes; left > 0; left -= buffer.Length)
            {
                var part = buffer.AsMemory(0, (int)Math.Min(buffer.Length, left));
                RandomNumberGenerator.Fill(part.Span);
                hash.AppendData(part.Span);
                await file.WriteAsync(part);
            }
        }

        return (name, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    protected static async Task<string> Sha256OfFileAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }

    private static Dictionary<string, object?> With(string session, string path, Dictionary<string, object?>? more)
    {
        var arguments = new Dictionary<string, object?>(more ?? []) { ["sessionId"] = session, ["path"] = path };
        return arguments;
    }
}
