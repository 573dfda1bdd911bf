using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SshMcp.Server.Options;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.HostKeys;
using SshMcp.Server.Transports;
using SshMcp.Server.Transports.OpenSsh;
using SshMcp.Server.Transports.SshNet;

namespace SshMcp.Tests.Transports;

/// <summary><c>auto</c> takes the system ssh when it is there and recent enough, SSH.NET otherwise; a named one is taken as named.</summary>
public sealed class TransportSelectorTests
{
    [Fact]
    public void Select_AutoWithAUsableSsh_TakesOpenSsh() =>
        Assert.Equal(OpenSshTransport.TransportName, Selector(() => "/usr/bin/ssh").Select(null).Name);

    [Theory]
    [InlineData(null)]
    [InlineData("/nonexistent/ssh")]
    public void Select_AutoWithoutAUsableSsh_TakesSshNet(string? sshPath) =>
        Assert.Equal(SshNetTransport.TransportName, Selector(() => sshPath).Select("auto").Name);

    [Fact]
    public void Select_OpenSshNamedWithoutSsh_IsStillOpenSshAndFailsWhenItConnects() =>
        Assert.Equal(OpenSshTransport.TransportName, Selector(() => null).Select("OpenSSH").Name);

    [Fact]
    public void Select_UnknownName_SaysWhichExist()
    {
        var failure = Assert.Throws<SshFailureException>(() => Selector(() => null).Select("putty"));

        Assert.Contains("auto, sshnet, openssh", failure.Message, StringComparison.Ordinal);
    }

    private static TransportSelector Selector(Func<string?> findSsh)
    {
        var options = Options.Create(new SshMcpOptions { HostKeyStorePath = Path.Combine(Path.GetTempPath(), $"sshmcp-{Guid.NewGuid():N}", "kh") });
        var trust = new HostKeyTrust(options, NullLogger<HostKeyVerifier>.Instance);
        ISshTransport[] transports =
        [
            new SshNetTransport(new SshNetLogin(trust, options, TimeProvider.System, NullLogger<SshNetTransport>.Instance), NullLogger<SshNetTransport>.Instance),
            new OpenSshTransport(new OpenSshClient(findSsh), trust, options, TimeProvider.System, NullLogger<OpenSshTransport>.Instance),
        ];
        return new TransportSelector(transports, options);
    }
}
