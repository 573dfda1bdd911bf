using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh;

/// <summary>Host keys are checked like OpenSSH, end to end through ssh_open against a real sshd.</summary>
[Collection(SshdCollection.Name)]
public sealed class HostKeyTrustTests(SshdFixture sshd) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sshmcp-hostkeys-").FullName;

    private string StorePath => Path.Combine(_dir, "store");

    private string KnownHostsPath => Path.Combine(_dir, "known_hosts");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<McpServerHarness> StartAsync(string transport, string policy = "accept-new") =>
        McpServerHarness.StartAsync(new Dictionary<string, string?>
        {
            ["SshMcp:Transport"] = transport,
            ["SshMcp:HostKeyPolicy"] = policy,
            ["SshMcp:HostKeyStorePath"] = StorePath,
            ["SshMcp:KnownHostsPath"] = KnownHostsPath,
        });

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_NewHostUnderAcceptNew_TrustsRemembersThenKnows(string transport)
    {
        await using var server = await StartAsync(transport);

        var first = await server.OpenAsync(sshd);
        var second = await server.OpenAsync(sshd);

        Assert.Equal("new", first.HostKeyStatus);
        Assert.Equal(sshd.HostKeyFingerprintSha256, first.HostKeyFingerprint);
        Assert.Equal("known", second.HostKeyStatus);
        Assert.Contains($"[{sshd.Host}]:{sshd.Port} ssh-ed25519 ", await File.ReadAllTextAsync(StorePath), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StorePath));
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_HashedKnownHostsEntry_IsKnown(string transport)
    {
        await File.WriteAllTextAsync(KnownHostsPath, sshd.KnownHostsLine + "\n");
        var hash = await LocalCommand.RunCheckedAsync("ssh-keygen", ["-H", "-f", KnownHostsPath], default);
        Assert.Equal(0, hash.ExitCode);
        Assert.StartsWith("|1|", await File.ReadAllTextAsync(KnownHostsPath), StringComparison.Ordinal);
        await using var server = await StartAsync(transport, "strict");

        var open = await server.OpenAsync(sshd);

        Assert.Equal("known", open.HostKeyStatus);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_UnknownHostUnderStrict_RefusedWithHowToTrustIt(string transport)
    {
        await using var server = await StartAsync(transport, "strict");

        var error = await server.CallErrorAsync("ssh_open", OpenArguments());

        Assert.Contains(sshd.HostKeyFingerprintSha256, error, StringComparison.Ordinal);
        Assert.Contains("hostKeyFingerprint", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_PinnedFingerprint_MatchSaysPinnedMismatchRefused(string transport)
    {
        await using var server = await StartAsync(transport, "strict");
        var good = OpenArguments();
        good["hostKeyFingerprint"] = sshd.HostKeyFingerprintSha256;
        var bad = OpenArguments();
        bad["hostKeyFingerprint"] = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        var pinned = await server.CallAsync<SshMcp.Server.Tools.OpenResult>("ssh_open", good);
        var error = await server.CallErrorAsync("ssh_open", bad);

        Assert.Equal("pinned", pinned.HostKeyStatus);
        Assert.Contains("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", error, StringComparison.Ordinal);
        Assert.Contains(sshd.HostKeyFingerprintSha256, error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_HostKeyRotated_RefusedUnderAcceptNewAndStrictNamingBothKeysAndTheFile(string transport)
    {
        var own = SshdFixture.Create(new SshdOptions());
        await own.InitializeAsync();
        try
        {
            await using var server = await StartAsync(transport);
            var before = await server.OpenAsync(own);
            await server.CloseAsync(before.SessionId);
            var oldFingerprint = own.HostKeyFingerprintSha256;

            await own.RestartWithNewHostKeyAsync(default);
            var acceptNewError = await server.CallErrorAsync("ssh_open", OpenArguments(own));
            await using var strict = await StartAsync(transport, "strict");
            var strictError = await strict.CallErrorAsync("ssh_open", OpenArguments(own));

            foreach (var error in new[] { acceptNewError, strictError })
            {
                Assert.Contains("changed", error, StringComparison.Ordinal);
                Assert.Contains(oldFingerprint, error, StringComparison.Ordinal);
                Assert.Contains(own.HostKeyFingerprintSha256, error, StringComparison.Ordinal);
                Assert.Contains(StorePath, error, StringComparison.Ordinal);
            }
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_PolicyOff_AcceptsAnyKeyAsUnchecked(string transport)
    {
        await using var server = await StartAsync(transport, "off");

        var open = await server.OpenAsync(sshd);

        Assert.Equal("unchecked", open.HostKeyStatus);
        Assert.False(File.Exists(StorePath));
    }

    private Dictionary<string, object?> OpenArguments(SshdFixture? target = null)
    {
        target ??= sshd;
        return new()
        {
            ["host"] = target.Host,
            ["port"] = target.Port,
            ["username"] = target.Username,
            ["password"] = target.Password,
        };
    }
}
