namespace SshMcp.Tests.Ssh.Config;

/// <summary>
/// Each case through both resolvers: ssh -G is the oracle, the built-in parser must say the same, and both must
/// show the expected values.
/// </summary>
public sealed class ResolverAgreementTests
{
    public static TheoryData<string> Cases => ConfigCases.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Resolve_Case_BothResolversAgreeWithExpected(string name)
    {
        var configCase = ConfigCases.All[name];
        using var workspace = configCase.Write(new ConfigWorkspace());

        var fromSsh = await workspace.Ssh().ResolveAsync(configCase.Request, CancellationToken.None);
        var fromBuiltin = await workspace.Builtin().ResolveAsync(configCase.Request, CancellationToken.None);

        Assert.Equal(fromSsh.ToString(), fromBuiltin.ToString());
        configCase.Expect(fromSsh, workspace);
    }
}
