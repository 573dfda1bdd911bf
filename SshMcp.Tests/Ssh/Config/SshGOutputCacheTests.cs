using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Config;

namespace SshMcp.Tests.Ssh.Config;

/// <summary>When the ssh -G resolver answers from its cache, and when it must run ssh: a counting wrapper tells.</summary>
public sealed class SshGOutputCacheTests
{
    private const string IncludingConfig = "Include conf.d/*.conf\nHost web\n  HostName main.example\n";
    private const string IncludedFile = "home/.ssh/conf.d/20-web.conf";

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Resolve_SameAliasUnchangedFiles_RunsSshOnceAndGivesTheSameTarget()
    {
        using var workspace = new ConfigWorkspace().WithConfig("Host web\n  HostName web.example\n  User deploy\n  Port 2200\n");
        var ssh = new CountingSsh(workspace);
        var resolver = workspace.Ssh(sshPath: ssh.Program, cache: Cache());

        var first = await resolver.ResolveAsync(new("web"), CancellationToken.None);
        var second = await resolver.ResolveAsync(new("web"), CancellationToken.None);

        Assert.Equal(1, ssh.Runs);
        Assert.Equal(("web.example", "deploy", 2200), (second.HostName, second.User, second.Port));
        Assert.Equal((first.HostName, first.User, first.Port), (second.HostName, second.User, second.Port));
        Assert.Equal(first.IdentityFiles, second.IdentityFiles);
    }

    [Theory]
    [InlineData("main file edited")]
    [InlineData("included file edited")]
    [InlineData("new file matches the Include glob")]
    [InlineData("included file deleted")]
    public async Task Resolve_AfterAnInputChanged_RunsSshAgainAndSeesTheChange(string change)
    {
        using var workspace = new ConfigWorkspace().WithConfig(IncludingConfig).WithFile(IncludedFile, "Host web\n  User included\n");
        var ssh = new CountingSsh(workspace);
        var resolver = workspace.Ssh(sshPath: ssh.Program, cache: Cache());
        var before = await resolver.ResolveAsync(new("web"), CancellationToken.None);
        Assert.Equal(("main.example", "included", 22), (before.HostName, before.User, before.Port));

        // Edits keep each file's length and may land within the file system's time granularity: only content tells.
        var expected = change switch
        {
            "main file edited" => Change(() => workspace.WithConfig(IncludingConfig.Replace("main.", "next.", StringComparison.Ordinal)), ("next.example", "included", 22)),
            "included file edited" => Change(() => workspace.WithFile(IncludedFile, "Host web\n  User excluded\n"), ("main.example", "excluded", 22)),
            "new file matches the Include glob" => Change(() => workspace.WithFile("home/.ssh/conf.d/10-web.conf", "Host web\n  Port 2222\n"), ("main.example", "included", 2222)),
            _ => Change(() => File.Delete(Path.Join(workspace.Root, IncludedFile)), ("main.example", workspace.Account.UserName, 22)),
        };
        var after = await resolver.ResolveAsync(new("web"), CancellationToken.None);

        Assert.Equal(2, ssh.Runs);
        Assert.Equal(expected, (after.HostName, after.User, after.Port));
    }

    [Theory]
    [InlineData("Match host elsewhere exec \"true\"")]
    [InlineData("Host elsewhere\n  Include {root}/inactive.conf")]
    [InlineData("Match !final host elsewhere")]
    [InlineData("Host elsewhere\n  CanonicalizeHostname yes")]
    [InlineData("Host elsewhere\n  Include ~/%u.conf")]
    public async Task Resolve_ConfigDependsOnMoreThanFiles_RunsSshEveryTime(string block)
    {
        using var workspace = new ConfigWorkspace()
            .WithConfig($"Host web\n  User deploy\n{block}\n")
            .WithFile("inactive.conf", "Match exec \"true\"\n  User other\n");
        var ssh = new CountingSsh(workspace);
        var resolver = workspace.Ssh(sshPath: ssh.Program, cache: Cache());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("deploy", (await resolver.ResolveAsync(new("web"), CancellationToken.None)).User);
        }

        Assert.Equal(3, ssh.Runs);
    }

    [Fact]
    public async Task Resolve_DifferentUserPortOrIgnoreProxy_AreSeparateEntries()
    {
        using var workspace = new ConfigWorkspace().WithConfig("Host web\n  User deploy\n  ProxyJump bastion\n");
        var ssh = new CountingSsh(workspace);
        var resolver = workspace.Ssh(sshPath: ssh.Program, cache: Cache());
        ResolveRequest[] requests = [new("web"), new("web", User: "other"), new("web", Port: 2200), new("web", IgnoreProxy: true)];

        var first = new List<ResolvedTarget>();
        foreach (var request in requests)
        {
            first.Add(await resolver.ResolveAsync(request, CancellationToken.None));
        }

        foreach (var (request, target) in requests.Zip(first))
        {
            var again = await resolver.ResolveAsync(request, CancellationToken.None);
            Assert.Equal((target.User, target.Port, target.ProxyJump.Count), (again.User, again.Port, again.ProxyJump.Count));
        }

        Assert.Equal(4, ssh.Runs);
        Assert.Equal([("deploy", 22, 1), ("other", 22, 1), ("deploy", 2200, 1), ("deploy", 22, 0)], first.Select(t => (t.User, t.Port, t.ProxyJump.Count)));
    }

    [Fact]
    public async Task Resolve_EntryReachesItsLifetime_RunsSshAgain()
    {
        using var workspace = new ConfigWorkspace().WithConfig("Host web\n  User deploy\n");
        var ssh = new CountingSsh(workspace);
        var resolver = workspace.Ssh(sshPath: ssh.Program, cache: Cache());
        await resolver.ResolveAsync(new("web"), CancellationToken.None);

        _time.Advance(SshGOutputCache.Lifetime - TimeSpan.FromSeconds(1));
        await resolver.ResolveAsync(new("web"), CancellationToken.None);
        var runsBeforeExpiry = ssh.Runs;
        _time.Advance(TimeSpan.FromSeconds(1));
        var target = await resolver.ResolveAsync(new("web"), CancellationToken.None);

        Assert.Equal((1, 2, "deploy"), (runsBeforeExpiry, ssh.Runs, target.User));
    }

    [Fact]
    public async Task Resolve_MoreCommandLinesThanTheBound_DropsTheOldest()
    {
        using var workspace = new ConfigWorkspace().WithConfig("Host web\n  User deploy\n");
        var ssh = new CountingSsh(workspace);
        var resolver = workspace.Ssh(sshPath: ssh.Program, cache: Cache());
        for (var port = 1; port <= SshGOutputCache.MaxEntries + 1; port++)
        {
            await resolver.ResolveAsync(new("web", Port: port), CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await resolver.ResolveAsync(new("web", Port: 2), CancellationToken.None);
        var runsForSecond = ssh.Runs;
        await resolver.ResolveAsync(new("web", Port: 1), CancellationToken.None);

        Assert.Equal((SshGOutputCache.MaxEntries + 1, SshGOutputCache.MaxEntries + 2), (runsForSecond, ssh.Runs));
    }

    [Fact]
    public async Task Resolve_SshFailed_KeepsNothingAndRunsSshNextTime()
    {
        using var workspace = new ConfigWorkspace().WithConfig("Host web\n  User deploy\n");
        var ssh = new CountingSsh(workspace, failFirst: true);
        var resolver = workspace.Ssh(sshPath: ssh.Program, cache: Cache());

        var failure = await Assert.ThrowsAsync<SshFailureException>(() => resolver.ResolveAsync(new("web"), CancellationToken.None));
        var second = await resolver.ResolveAsync(new("web"), CancellationToken.None);
        var third = await resolver.ResolveAsync(new("web"), CancellationToken.None);

        Assert.Contains("made to fail", failure.Message, StringComparison.Ordinal);
        Assert.Equal((2, "deploy", "deploy"), (ssh.Runs, second.User, third.User));
    }

    private static (string, string, int) Change(Action change, (string, string, int) expected)
    {
        change();
        return expected;
    }

    private SshGOutputCache Cache() => new(_time, NullLogger.Instance);
}
