using Microsoft.Extensions.Logging;
using SshMcp.Server.Ssh.HostKeys;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Transports.OpenSsh;

/// <summary>
/// A target the server knows by one key opens without the helper's host key questions (ssh reads the key from the
/// session's file), and a key that changed still gets the full check's refusal, on a real sshd and the real ssh.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class KnownTargetKeyTests(SshdFixture sshd) : IDisposable
{
    private const string HostKeyQuestion = "ssh asked for a host key";

    private readonly string _dir = Directory.CreateTempSubdirectory("sshmcp-knownkey-").FullName;
    private readonly CapturingLoggerProvider _logs = new();

    private string StorePath => Path.Combine(_dir, "store");

    public void Dispose()
    {
        _logs.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Open_HostKnownByOneKey_AsksNoHostKeyQuestionAndReportsThatKey()
    {
        await using var server = await StartAsync();
        var first = await server.OpenAsync(sshd);
        var asked = _logs.Lines.Count(l => l.Contains(HostKeyQuestion, StringComparison.Ordinal));
        _logs.Clear();

        var second = await server.OpenAsync(sshd);

        Assert.Equal(("new", "known"), (first.HostKeyStatus, second.HostKeyStatus));
        Assert.Equal(sshd.HostKeyFingerprintSha256, second.HostKeyFingerprint);
        Assert.True(asked > 0, "the first open (an unknown host) asks through the helper");
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(HostKeyQuestion, StringComparison.Ordinal));
        Assert.Equal("0", (await server.ExecAsync(second.SessionId, "echo $?")).Stdout.Trim());
    }

    [Fact]
    public async Task Open_TheOneKnownKeyChanged_IsRefusedWithBothKeysAfterTheFullCheck()
    {
        var other = await TestKeyPair.GenerateAsync("ed25519", _dir, default);
        await File.WriteAllTextAsync(StorePath, $"[{sshd.Host}]:{sshd.Port} {other.PublicKeyLine}\n");
        await using var server = await StartAsync();

        var error = await server.CallErrorAsync("ssh_open", TestMcpClient.OpenArguments(sshd));

        Assert.Contains("has changed", error, StringComparison.Ordinal);
        Assert.Contains(sshd.HostKeyFingerprintSha256, error, StringComparison.Ordinal);
        Assert.Contains(HostKeyBlob.Sha256Fingerprint(other.PublicBlob), error, StringComparison.Ordinal);
        Assert.Contains(_logs.Lines, l => l.Contains("[4115]", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Contains(HostKeyQuestion, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_HostKnownByTwoKeys_TakesTheFullCheckAndIsKnown()
    {
        var other = await TestKeyPair.GenerateAsync("rsa", _dir, default);
        await File.WriteAllTextAsync(StorePath, $"{sshd.KnownHostsLine}\n[{sshd.Host}]:{sshd.Port} {other.PublicKeyLine}\n");
        await using var server = await StartAsync();

        var open = await server.OpenAsync(sshd);

        Assert.Equal(("known", sshd.HostKeyFingerprintSha256), (open.HostKeyStatus, open.HostKeyFingerprint));
        Assert.Contains(_logs.Lines, l => l.Contains(HostKeyQuestion, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_PinnedTwice_SecondAsksNoHostKeyQuestionAndNoFileVouchesForAnotherKey()
    {
        // The user's known_hosts knows the host by another key: a pin decides alone, on the shortcut as on the usual way.
        var other = await TestKeyPair.GenerateAsync("ed25519", _dir, default);
        await File.WriteAllTextAsync(Path.Combine(_dir, "known_hosts"), $"[{sshd.Host}]:{sshd.Port} {other.PublicKeyLine}\n");
        await using var server = await StartAsync();
        var pin = new Dictionary<string, object?> { ["hostKeyFingerprint"] = sshd.HostKeyFingerprintSha256 };
        var first = await server.OpenAsync(sshd, pin);
        var asked = _logs.Lines.Count(l => l.Contains(HostKeyQuestion, StringComparison.Ordinal));
        _logs.Clear();

        var second = await server.OpenAsync(sshd, pin);
        var askedAgain = _logs.Lines.Count(l => l.Contains(HostKeyQuestion, StringComparison.Ordinal));
        var wrongPin = await server.CallErrorAsync("ssh_open", new Dictionary<string, object?>(TestMcpClient.OpenArguments(sshd))
        {
            ["hostKeyFingerprint"] = HostKeyBlob.Sha256Fingerprint(other.PublicBlob),
        });

        Assert.Equal(("pinned", "pinned"), (first.HostKeyStatus, second.HostKeyStatus));
        Assert.Equal(sshd.HostKeyFingerprintSha256, second.HostKeyFingerprint);
        Assert.True(asked > 0, "the first pinned open asks through the helper");
        Assert.Equal(0, askedAgain);
        Assert.Contains(sshd.HostKeyFingerprintSha256, wrongPin, StringComparison.Ordinal);
        Assert.Contains(HostKeyBlob.Sha256Fingerprint(other.PublicBlob), wrongPin, StringComparison.Ordinal);
        Assert.Equal("0", (await server.ExecAsync(second.SessionId, "echo $?")).Stdout.Trim());
    }

    private Task<McpServerHarness> StartAsync() =>
        McpServerHarness.StartAsync(
            new Dictionary<string, string?>
            {
                ["SshMcp:Transport"] = "openssh",
                ["SshMcp:HostKeyPolicy"] = "accept-new",
                ["SshMcp:HostKeyStorePath"] = StorePath,
                ["SshMcp:KnownHostsPath"] = Path.Combine(_dir, "known_hosts"),
                ["Logging:LogLevel:SshMcp.Server.Transports.OpenSsh"] = "Debug",
            },
            configure: builder => builder.Logging.AddProvider(_logs));
}
