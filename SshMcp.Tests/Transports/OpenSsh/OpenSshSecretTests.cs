using System.Collections.Concurrent;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Transports.OpenSsh;

/// <summary>
/// With the system ssh, a password, an inline key and its passphrase reach ssh without ever being in the argv or the
/// environment of any process the server started (every descendant of this test process, read from /proc while the
/// sessions connect and while they are open), nor in any file outside a directory only its owner can enter.
/// </summary>
[Collection(AloneInProcess.Name)]
public sealed class OpenSshSecretTests : IAsyncLifetime
{
    private const string Passphrase = "Pa55-phrase-only-here-4d1e";
    private readonly SshdFixture _sshd = SshdFixture.Create(new SshdOptions());
    private readonly string _keys = Directory.CreateTempSubdirectory("sshmcp-secret-keys-").FullName;

    public Task InitializeAsync() => _sshd.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _sshd.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }

    [Fact]
    public async Task Open_PasswordAndInlineKeyWithPassphrase_NoSecretInAnyArgvEnvironOrOpenFile()
    {
        var started = DateTime.UtcNow;
        var keyText = await AuthorizeEncryptedKeyAsync();
        var secrets = new[] { _sshd.Password, Passphrase, LongestLine(keyText) };
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:Transport"] = TransportNames.OpenSsh });
        var seen = new ConcurrentDictionary<int, ProcessSnapshot>();
        using var stop = new CancellationTokenSource();
        var watcher = WatchAsync(seen, stop.Token);

        var byPassword = await server.OpenAsync(_sshd);
        var byKey = await server.CallAsync<OpenResult>(ToolNames.Open, new Dictionary<string, object?>
        {
            ["host"] = _sshd.Host,
            ["port"] = _sshd.Port,
            ["username"] = _sshd.Username,
            ["privateKey"] = keyText,
            ["passphrase"] = Passphrase,
        });
        Assert.Equal("ok\n", (await server.ExecAsync(byKey.SessionId, "echo ok")).Stdout);
        Assert.Equal("ok\n", (await server.ExecAsync(byPassword.SessionId, "echo ok")).Stdout);
        Record(seen);
        var files = PrivateDirectoryScan.FilesOutsidePrivateDirectories(Path.GetTempPath(), started);
        await stop.CancelAsync();
        await watcher;

        Assert.Contains(seen.Values, p => p.Argv.Contains(" -M ", StringComparison.Ordinal));
        foreach (var process in seen.Values)
        {
            foreach (var secret in secrets)
            {
                Assert.False(process.Argv.Contains(secret, StringComparison.Ordinal), $"a secret is in the argv of {process.Pid}: {process.Argv.Replace(secret, "<SECRET>", StringComparison.Ordinal)}");
                Assert.False(process.Environment.Contains(secret, StringComparison.Ordinal), $"a secret is in the environment of {process.Pid} ({process.Argv})");
            }
        }

        foreach (var (path, text) in files)
        {
            Assert.False(secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal)), $"a secret is in {path}, outside any owner-only directory");
        }
    }

    /// <summary>Reads the process tree again and again while the sessions connect (each read is a fresh snapshot).</summary>
    private static async Task WatchAsync(ConcurrentDictionary<int, ProcessSnapshot> seen, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Record(seen);
            await Task.Yield();
        }
    }

    private static void Record(ConcurrentDictionary<int, ProcessSnapshot> seen)
    {
        foreach (var process in ProcessTree.Descendants(Environment.ProcessId))
        {
            seen[process.Pid] = process;
        }
    }

    private async Task<string> AuthorizeEncryptedKeyAsync()
    {
        var path = Path.Combine(_keys, "id_ed25519");
        var keygen = await LocalCommand.RunCheckedAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", Passphrase, "-f", path], default);
        Assert.Equal(0, keygen.ExitCode);
        await File.AppendAllTextAsync(Path.Combine(_sshd.TempDirectory, "authorized_keys"), await File.ReadAllTextAsync(path + ".pub"));
        return await File.ReadAllTextAsync(path);
    }

    private static string LongestLine(string text) => text.Split('\n').MaxBy(l => l.Length)!;
}
