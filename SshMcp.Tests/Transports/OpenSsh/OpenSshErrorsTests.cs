using SshMcp.Server.Transports.OpenSsh;

namespace SshMcp.Tests.Transports.OpenSsh;

/// <summary>What ssh 9.2 prints for each failure (captured from real runs), classified.</summary>
public sealed class OpenSshErrorsTests
{
    private const string Changed = """
        @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
        @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
        @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
        IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
        Someone could be eavesdropping on you right now (man-in-the-middle attack)!
        It is also possible that a host key has just been changed.
        The fingerprint for the ED25519 key sent by the remote host is
        SHA256:6D53Yq0J6me0ky5XaaVocFGZL6XmlrDBcMUPv6DQVoU.
        Please contact your system administrator.
        Add correct host key in /tmp/ex/kh2 to get rid of this message.
        Offending ED25519 key in /tmp/ex/kh2:1
          remove with:
          ssh-keygen -f "/tmp/ex/kh2" -R "[127.0.0.1]:42022"
        Host key for [127.0.0.1]:42022 has changed and you have requested strict checking.
        Host key verification failed.
        """;

    [Theory]
    [InlineData("ssh: Could not resolve hostname no-such-host.invalid: Name or service not known\r\n", "HostNotFound")]
    [InlineData("ssh: connect to host 127.0.0.1 port 1: Connection refused\r\n", "ConnectionRefused")]
    [InlineData("ssh: connect to host 10.9.9.9 port 22: No route to host\r\n", "Unreachable")]
    [InlineData("ssh: connect to host 10.9.9.9 port 22: Connection timed out\r\n", "TimedOut")]
    [InlineData("No ED25519 host key is known for [127.0.0.1]:42022 and you have requested strict checking.\r\nHost key verification failed.\r\n", "HostKeyRefused")]
    [InlineData("deploy@127.0.0.1: Permission denied (publickey,password).\r\n", "AuthenticationFailed")]
    [InlineData("Received disconnect from 127.0.0.1 port 22:2: Too many authentication failures\r\nDisconnected from 127.0.0.1 port 22\r\n", "AuthenticationFailed")]
    [InlineData("kex_exchange_identification: Connection closed by remote host\r\nConnection closed by 127.0.0.1 port 8080\r\n", "NotSsh")]
    [InlineData("something new\r\n", "Other")]
    public void Diagnose_WhatSshSaid_NamesTheProblem(string stderr, string problem) =>
        Assert.Equal(problem, OpenSshErrors.Diagnose(stderr).Problem.ToString());

    [Fact]
    public void Diagnose_PermissionDenied_KeepsWhatTheServerSaidWithoutTheUser() =>
        Assert.Equal("Permission denied (publickey,password).", OpenSshErrors.Diagnose("deploy@10.0.0.5: Permission denied (publickey,password).\r\n").Detail);

    /// <summary>
    /// Captured through ProxyJump routes of 2 and 3 hops, every host on 127.0.0.1 (the master at LogLevel ERROR, the
    /// jump hosts' ssh at INFO): the failing ssh says why, each ssh above it that its connection closed.
    /// </summary>
    [Theory]
    [InlineData("ssh: connect to host 127.0.0.1 port 42009: Connection refused\r\nkex_exchange_identification: Connection closed by remote host\r\n", 2, "ConnectionRefused", 0)]
    [InlineData("ssh: connect to host 127.0.0.1 port 42009: Connection refused\r\nkex_exchange_identification: Connection closed by remote host\r\nConnection closed by UNKNOWN port 65535\r\nkex_exchange_identification: Connection closed by remote host\r\n", 3, "ConnectionRefused", 0)]
    [InlineData("Warning: Permanently added '[127.0.0.1]:42001' (ED25519) to the list of known hosts.\r\nroot@127.0.0.1: Permission denied (publickey).\r\nkex_exchange_identification: Connection closed by remote host\r\n", 2, "AuthenticationFailed", 0)]
    [InlineData("Warning: Permanently added '[127.0.0.1]:42001' (ED25519) to the list of known hosts.\r\nWarning: Permanently added '[127.0.0.1]:42001' (ED25519) to the list of known hosts.\r\nroot@127.0.0.1: Permission denied (publickey).\r\nkex_exchange_identification: Connection closed by remote host\r\n", 3, "AuthenticationFailed", 1)]
    [InlineData("Warning: Permanently added '[127.0.0.1]:42001' (ED25519) to the list of known hosts.\r\nroot@127.0.0.1: Permission denied (publickey).\r\n", 2, "AuthenticationFailed", 1)]
    [InlineData("channel 0: open failed: administratively prohibited: open failed\r\nstdio forwarding failed\r\nkex_exchange_identification: Connection closed by remote host\r\n", 2, "ForwardFailed", 0)]
    [InlineData("channel 0: open failed: administratively prohibited: open failed\r\nstdio forwarding failed\r\nkex_exchange_identification: Connection closed by remote host\r\nConnection closed by UNKNOWN port 65535\r\nkex_exchange_identification: Connection closed by remote host\r\n", 3, "ForwardFailed", 0)]
    [InlineData("channel 0: open failed: administratively prohibited: open failed\r\nstdio forwarding failed\r\nkex_exchange_identification: Connection closed by remote host\r\n", 3, "ForwardFailed", 1)]
    [InlineData("channel 0: open failed: connect failed: Name or service not known\r\nstdio forwarding failed\r\nkex_exchange_identification: Connection closed by remote host\r\n", 2, "ForwardFailed", 0)]
    [InlineData("kex_exchange_identification: Connection closed by remote host\r\n", 2, "ForwardFailed", 0)]
    public void Diagnose_ThroughJumpHosts_NamesTheProblemAndTheHop(string stderr, int hops, string problem, int hop)
    {
        var diagnosis = OpenSshErrors.Diagnose(stderr, hops);

        Assert.Equal((problem, hop), (diagnosis.Problem.ToString(), diagnosis.Hop));
    }

    [Theory]
    [InlineData("/bin/bash: line 1: exec: nc: not found\nkex_exchange_identification: Connection closed by remote host\r\n")]
    [InlineData("kex_exchange_identification: Connection closed by remote host\r\n")]
    public void Diagnose_ProxyCommandFailed_IsTheProxy(string stderr) =>
        Assert.Equal(OpenSshProblem.ProxyFailed, OpenSshErrors.Diagnose(stderr, hops: 1, proxyCommand: true).Problem);

    [Fact]
    public void Diagnose_JumpHostFailed_DetailIsTheJumpHostsWords() =>
        Assert.Equal(
            "channel 0: open failed: connect failed: Connection refused",
            OpenSshErrors.Diagnose("channel 0: open failed: connect failed: Connection refused\r\nstdio forwarding failed\r\nConnection closed by UNKNOWN port 65535\r\nkex_exchange_identification: Connection closed by remote host\r\n", hops: 2).Detail);

    [Fact]
    public void Describe_ChangedKeyBlock_NamesTheHostTheFileAndThePresentedKey()
    {
        var sentence = ChangedKeyReport.Describe(Changed);

        Assert.Equal(
            "Host key for [127.0.0.1]:42022 has changed: ssh knows another ED25519 key in /tmp/ex/kh2 line 1, presented SHA256:6D53Yq0J6me0ky5XaaVocFGZL6XmlrDBcMUPv6DQVoU (ED25519). This can mean someone is intercepting the connection",
            sentence);
        Assert.Equal(OpenSshProblem.HostKeyRefused, OpenSshErrors.Diagnose(Changed).Problem);
    }

    [Theory]
    [InlineData("mux_client_request_session: session request failed: Session open refused by peer\r\n", true, "ChannelRefused")]
    [InlineData("Control socket connect(/tmp/x/c): Connection refused\r\n", true, "ConnectionLost")]
    [InlineData("", false, "ConnectionLost")]
    public void ChannelFailure_WhatTheChannelsSshSaid_RefusedOrLost(string stderr, bool masterRunning, string kind) =>
        Assert.Equal(kind, OpenSshErrors.ChannelFailure(stderr, masterRunning)?.Kind.ToString());

    [Fact]
    public void ChannelFailure_NothingFromSsh_IsTheCommandsOwnStatus() =>
        Assert.Null(OpenSshErrors.ChannelFailure("the command's own words\n", masterRunning: true));

    [Theory]
    [InlineData("OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026", 9, 2)]
    [InlineData("OpenSSH_8.7p1, OpenSSL 1.1.1k", 8, 7)]
    public void ParseVersion_SshDashV_ReadsMajorAndMinor(string text, int major, int minor) =>
        Assert.Equal(new Version(major, minor), OpenSshClient.ParseVersion(text));
}
