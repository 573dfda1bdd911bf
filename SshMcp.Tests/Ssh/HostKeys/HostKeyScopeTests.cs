using SshMcp.Server.Ssh.Config;
using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Tests.Ssh.HostKeys;

/// <summary>
/// What a host's ssh_config adds to host key checking: its UserKnownHostsFile is read beside the server's files,
/// HostKeyAlias names the entries, and StrictHostKeyChecking can tighten SshMcp:HostKeyPolicy but never loosen it.
/// </summary>
public sealed class HostKeyScopeTests(TestKeys keys) : IClassFixture<TestKeys>, IDisposable
{
    private const string Host = "127.0.0.1";
    private readonly VerifierHarness _harness = new();
    private readonly TempDirectory _config = new();

    public void Dispose()
    {
        _harness.Dispose();
        _config.Dispose();
    }

    [Theory]
    [InlineData(HostKeyPolicy.AcceptNew, StrictHostKeyChecking.Ask, HostKeyPolicy.AcceptNew)]
    [InlineData(HostKeyPolicy.AcceptNew, StrictHostKeyChecking.Yes, HostKeyPolicy.Strict)]
    [InlineData(HostKeyPolicy.AcceptNew, StrictHostKeyChecking.No, HostKeyPolicy.AcceptNew)]
    [InlineData(HostKeyPolicy.Strict, StrictHostKeyChecking.No, HostKeyPolicy.Strict)]
    [InlineData(HostKeyPolicy.Strict, StrictHostKeyChecking.AcceptNew, HostKeyPolicy.Strict)]
    [InlineData(HostKeyPolicy.Off, StrictHostKeyChecking.AcceptNew, HostKeyPolicy.AcceptNew)]
    [InlineData(HostKeyPolicy.Off, StrictHostKeyChecking.Yes, HostKeyPolicy.Strict)]
    [InlineData(HostKeyPolicy.Off, StrictHostKeyChecking.Ask, HostKeyPolicy.Off)]
    internal void Tighten_ServerPolicyAndConfig_TheStricterWins(HostKeyPolicy server, StrictHostKeyChecking config, HostKeyPolicy expected) =>
        Assert.Equal(expected, HostKeyPolicies.Tighten(server, config));

    [Fact]
    public void Check_KeyInTheConfigsKnownHostsFile_IsKnown()
    {
        var file = _config.File("known_hosts");
        File.WriteAllText(file, keys.Ed25519.Line($"[{Host}]:2222") + "\n");

        var decision = _harness.Verifier(HostKeyPolicy.Strict).Check(Scope() with { KnownHostsFiles = [file] }, keys.Ed25519.Blob);

        Assert.Equal(HostKeyStatus.Known, decision.Status);
    }

    [Fact]
    public void Check_OtherKeyInTheConfigsKnownHostsFile_RefusedNamingThatFile()
    {
        var file = _config.File("known_hosts");
        File.WriteAllText(file, keys.OtherEd25519.Line($"[{Host}]:2222") + "\n");

        var decision = _harness.Verifier().Check(Scope() with { KnownHostsFiles = [file] }, keys.Ed25519.Blob);

        Assert.False(decision.Trusted);
        Assert.Contains($"in {file} line 1", decision.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ConfigSaysYes_UnknownHostRefusedUnderAcceptNew()
    {
        var decision = _harness.Verifier(HostKeyPolicy.AcceptNew).Check(Scope() with { Strictness = StrictHostKeyChecking.Yes }, keys.Ed25519.Blob);

        Assert.False(decision.Trusted);
        Assert.Contains("its ssh_config sets StrictHostKeyChecking yes", decision.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ConfigSaysNo_StrictServerStillRefusesAnUnknownHost()
    {
        var decision = _harness.Verifier(HostKeyPolicy.Strict).Check(Scope() with { Strictness = StrictHostKeyChecking.No }, keys.Ed25519.Blob);

        Assert.False(decision.Trusted);
        Assert.Contains("SshMcp:HostKeyPolicy is strict", decision.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Remember_WithHostKeyAlias_KnownUnderTheAliasWhateverTheAddress()
    {
        var verifier = _harness.Verifier();
        var scope = Scope() with { KeyAlias = "prod-key" };
        Assert.Equal(HostKeyStatus.NewlyTrusted, verifier.Check(scope, keys.Ed25519.Blob).Status);

        verifier.Remember(scope, keys.Ed25519.Blob);

        Assert.Contains("prod-key ssh-ed25519 ", File.ReadAllText(_harness.StoreFile), StringComparison.Ordinal);
        Assert.Equal(HostKeyStatus.Known, verifier.Check(new HostKeyScope("10.9.8.7", 22) { KeyAlias = "prod-key" }, keys.Ed25519.Blob).Status);
        Assert.Equal(HostKeyStatus.NewlyTrusted, verifier.Check(Scope(), keys.Ed25519.Blob).Status);
    }

    private static HostKeyScope Scope() => new(Host, 2222);
}
