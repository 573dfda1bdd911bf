using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Tests.Ssh.HostKeys;

/// <summary>Which known_hosts entries make a key known: formats, patterns, hashing, caching, policy off.</summary>
public sealed class HostKeyVerifierTests(TestKeys keys) : IClassFixture<TestKeys>, IDisposable
{
    private const string Host = "127.0.0.1";
    private readonly TestKeys _keys = keys;
    private readonly VerifierHarness _harness = new();

    private string UserFile => _harness.UserFile;

    private string StoreFile => _harness.StoreFile;

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public void FingerprintSha256_KeyFromSshKeygen_EqualsSshKeygenLf(string which)
    {
        var key = which switch { "ed25519" => _keys.Ed25519, "ecdsa" => _keys.Ecdsa, _ => _keys.Rsa };

        Assert.Equal(SshKeygen.Fingerprint(key.PublicKeyPath), HostKeyVerifier.FingerprintSha256(key.Blob));
    }

    [Fact]
    public void Check_PlainEntryForPort22_IsKnown()
    {
        WriteUserFile(_keys.Ed25519.Line("server.example.com"));

        var decision = Verifier().Check("server.example.com", 22, _keys.Ed25519.Blob, null);

        Assert.Equal(new HostKeyDecision(true, HostKeyStatus.Known, Fingerprint(_keys.Ed25519), null), decision);
    }

    [Fact]
    public void Check_BracketedEntryForNonStandardPort_IsKnownOnThatPortOnly()
    {
        WriteUserFile(_keys.Ed25519.Line("[127.0.0.1]:2222"));
        var verifier = Verifier(HostKeyPolicy.Strict);

        Assert.Equal(HostKeyStatus.Known, verifier.Check(Host, 2222, _keys.Ed25519.Blob, null).Status);
        Assert.False(verifier.Check(Host, 2223, _keys.Ed25519.Blob, null).Trusted);
        Assert.False(verifier.Check(Host, 22, _keys.Ed25519.Blob, null).Trusted);
    }

    [Fact]
    public void Check_PlainHostEntry_DoesNotCoverOtherPorts()
    {
        WriteUserFile(_keys.Ed25519.Line(Host));

        var decision = Verifier(HostKeyPolicy.Strict).Check(Host, 2222, _keys.Ed25519.Blob, null);

        Assert.False(decision.Trusted);
        Assert.Contains("is not known", decision.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CommaListAndUpperCaseHost_IsKnown()
    {
        WriteUserFile(_keys.Ed25519.Line("other.example.com,Server.Example.COM,10.0.0.5"));
        var verifier = Verifier(HostKeyPolicy.Strict);

        Assert.True(verifier.Check("server.example.com", 22, _keys.Ed25519.Blob, null).Trusted);
        Assert.True(verifier.Check("SERVER.example.com", 22, _keys.Ed25519.Blob, null).Trusted);
        Assert.True(verifier.Check("10.0.0.5", 22, _keys.Ed25519.Blob, null).Trusted);
    }

    [Fact]
    public void Check_EntriesHashedBySshKeygen_AreKnown()
    {
        WriteUserFile(
            _keys.Ed25519.Line("[127.0.0.1]:2222"),
            _keys.Ecdsa.Line("server.example.com"));
        SshKeygen.HashHosts(UserFile);
        Assert.DoesNotContain("127.0.0.1", File.ReadAllText(UserFile), StringComparison.Ordinal);
        var verifier = Verifier(HostKeyPolicy.Strict);

        Assert.Equal(HostKeyStatus.Known, verifier.Check(Host, 2222, _keys.Ed25519.Blob, null).Status);
        Assert.Equal(HostKeyStatus.Known, verifier.Check("server.example.com", 22, _keys.Ecdsa.Blob, null).Status);
        Assert.False(verifier.Check(Host, 22, _keys.Ed25519.Blob, null).Trusted);
    }

    [Fact]
    public void Check_HashedEntryWithOtherKey_IsRefusedAsChanged()
    {
        WriteUserFile(_keys.Ed25519.Line("[127.0.0.1]:2222"));
        SshKeygen.HashHosts(UserFile);

        var decision = Verifier().Check(Host, 2222, _keys.OtherEd25519.Blob, null);

        Assert.False(decision.Trusted);
        Assert.Contains("has changed", decision.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SeveralKeyTypesForOneHost_EachIsKnown()
    {
        WriteUserFile(
            _keys.Rsa.Line("[127.0.0.1]:2222"),
            _keys.Ecdsa.Line("[127.0.0.1]:2222"),
            _keys.Ed25519.Line("[127.0.0.1]:2222"));
        var verifier = Verifier(HostKeyPolicy.Strict);

        Assert.Equal(HostKeyStatus.Known, verifier.Check(Host, 2222, _keys.Rsa.Blob, null).Status);
        Assert.Equal(HostKeyStatus.Known, verifier.Check(Host, 2222, _keys.Ecdsa.Blob, null).Status);
        Assert.Equal(HostKeyStatus.Known, verifier.Check(Host, 2222, _keys.Ed25519.Blob, null).Status);
    }

    [Fact]
    public void Check_CommentsBlankAndMalformedLines_AreSkipped()
    {
        WriteUserFile(
            "# a comment",
            string.Empty,
            "   \t  ",
            "garbage",
            "[127.0.0.1]:2222 ssh-ed25519 not-base64!!",
            $"[127.0.0.1]:2222 ssh-rsa {_keys.OtherEd25519.Base64}",
            "@unknown-marker [127.0.0.1]:2222 " + _keys.OtherEd25519.Type + " " + _keys.OtherEd25519.Base64,
            "\t" + _keys.Ed25519.Line("[127.0.0.1]:2222") + " root@somewhere  trailing comment\r");

        var decision = Verifier(HostKeyPolicy.Strict).Check(Host, 2222, _keys.Ed25519.Blob, null);

        Assert.Equal(HostKeyStatus.Known, decision.Status);
    }

    [Fact]
    public void Check_CertAuthorityLine_IsSkippedAndLoggedOnce()
    {
        WriteUserFile("@cert-authority *.example.com " + _keys.Ed25519.Type + " " + _keys.Ed25519.Base64);
        var verifier = Verifier();

        var first = verifier.Check("a.example.com", 22, _keys.Ed25519.Blob, null);
        File.AppendAllText(UserFile, "# touched, so the file is read again\n");
        var second = verifier.Check("a.example.com", 22, _keys.Ed25519.Blob, null);

        Assert.Equal(HostKeyStatus.NewlyTrusted, first.Status);
        Assert.Equal(HostKeyStatus.NewlyTrusted, second.Status);
        Assert.Equal(2, _harness.Logger.Count(2000));
        Assert.Equal(1, _harness.Logger.Count(2001));
    }

    [Fact]
    public void Check_UnknownHostUnderAcceptNew_IsNewlyTrusted()
    {
        var decision = Verifier().Check(Host, 2222, _keys.Ed25519.Blob, null);

        Assert.Equal(new HostKeyDecision(true, HostKeyStatus.NewlyTrusted, Fingerprint(_keys.Ed25519), null), decision);
        Assert.False(File.Exists(StoreFile));
    }

    [Fact]
    public void Check_FileChangedOnDisk_IsReadAgain()
    {
        var verifier = Verifier(HostKeyPolicy.Strict);
        Assert.False(verifier.Check(Host, 2222, _keys.Ed25519.Blob, null).Trusted);

        WriteUserFile(_keys.Ed25519.Line("[127.0.0.1]:2222"));

        Assert.Equal(HostKeyStatus.Known, verifier.Check(Host, 2222, _keys.Ed25519.Blob, null).Status);
    }

    [Fact]
    public void Check_SymlinkedFileWhoseTargetChanged_IsReadAgain()
    {
        var target = UserFile + ".real";
        File.WriteAllText(target, "# nothing yet\n");
        File.CreateSymbolicLink(UserFile, target);
        var verifier = Verifier(HostKeyPolicy.Strict);
        Assert.False(verifier.Check(Host, 2222, _keys.Ed25519.Blob, null).Trusted);

        File.AppendAllText(target, _keys.Ed25519.Line("[127.0.0.1]:2222") + "\n");

        Assert.Equal(HostKeyStatus.Known, verifier.Check(Host, 2222, _keys.Ed25519.Blob, null).Status);
    }

    [Fact]
    public void Check_FileUnchanged_IsReadOnce()
    {
        WriteUserFile(_keys.Ed25519.Line("[127.0.0.1]:2222"));
        var verifier = Verifier();

        for (var i = 0; i < 5; i++)
        {
            Assert.True(verifier.Check(Host, 2222, _keys.Ed25519.Blob, null).Trusted);
        }

        Assert.Single(_harness.Logger.Entries, e => e.EventId.Id == 2000 && e.Message.Contains(UserFile, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("*.example.com", "a.example.com", 22, true)]
    [InlineData("*.example.com", "a.example.com", 2222, false)]
    [InlineData("[*.example.com]:2222", "a.example.com", 2222, true)]
    [InlineData("!bad.example.com,*.example.com", "bad.example.com", 22, false)]
    [InlineData("!bad.example.com,*.example.com", "good.example.com", 22, true)]
    [InlineData("10.0.0.?", "10.0.0.7", 22, true)]
    [InlineData("10.0.0.?", "10.0.0.17", 22, false)]
    public void Check_WildcardAndNegatedPatterns_MatchLikeOpenSsh(string patterns, string host, int port, bool known)
    {
        WriteUserFile(_keys.Ed25519.Line(patterns));

        var decision = Verifier(HostKeyPolicy.Strict).Check(host, port, _keys.Ed25519.Blob, null);

        Assert.Equal(known, decision.Trusted);
    }

    [Fact]
    public void Check_PolicyOff_TrustsAnyKeyUnchecked()
    {
        WriteUserFile(_keys.OtherEd25519.Line("[127.0.0.1]:2222"));

        var decision = Verifier(HostKeyPolicy.Off).Check(Host, 2222, _keys.Ed25519.Blob, null);

        Assert.Equal(new HostKeyDecision(true, HostKeyStatus.Unchecked, Fingerprint(_keys.Ed25519), null), decision);
    }

    private static string Fingerprint(TestKey key) => SshKeygen.Fingerprint(key.PublicKeyPath);

    private HostKeyVerifier Verifier(HostKeyPolicy policy = HostKeyPolicy.AcceptNew) => _harness.Verifier(policy);

    private void WriteUserFile(params string[] lines) => _harness.WriteUserFile(lines);
}
