using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh;

/// <summary>Every common way to log in, against a real sshd, with keys made by ssh-keygen in the test.</summary>
[Collection(SshdCollection.Name)]
public sealed class AuthenticationTests(SshdFixture sshd) : IAsyncLifetime
{
    private const string Passphrase = "pass phrase 42";
    private readonly string _dir = Directory.CreateTempSubdirectory("sshmcp-auth-").FullName;
    private McpServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await McpServerHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string, string?, bool, string> KeyTypes
    {
        get
        {
            var data = new TheoryData<string, string?, bool, string>();
            foreach (var transport in new[] { TransportNames.SshNet, TransportNames.OpenSsh })
            {
                data.Add("ed25519", null, false, transport);
                data.Add("ed25519", Passphrase, false, transport);
                data.Add("ecdsa", Passphrase, false, transport);
                data.Add("rsa", null, false, transport);
                data.Add("rsa", Passphrase, true, transport);
            }

            return data;
        }
    }

    public static TheoryData<bool, string> PemOrNot => new()
    {
        { false, TransportNames.SshNet }, { true, TransportNames.SshNet }, { false, TransportNames.OpenSsh }, { true, TransportNames.OpenSsh },
    };

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public async Task Open_KeyOfEachType_LogsIn(string type, string? passphrase, bool pem, string transport)
    {
        var keyPath = await AuthorizeNewKeyAsync(type, passphrase, pem);
        var arguments = Base(transport);
        arguments["privateKey"] = await File.ReadAllTextAsync(keyPath);
        arguments["passphrase"] = passphrase;

        var open = await _server.CallAsync<OpenResult>("ssh_open", arguments);

        Assert.Equal($"{sshd.Username}\n", (await _server.ExecAsync(open.SessionId, "id -un")).Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_PrivateKeyPath_LogsIn(string transport)
    {
        var keyPath = await AuthorizeNewKeyAsync("ed25519", null, false);
        var arguments = Base(transport);
        arguments["privateKeyPath"] = keyPath;

        var open = await _server.CallAsync<OpenResult>("ssh_open", arguments);

        Assert.StartsWith("s", open.SessionId, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_DefaultIdentityFile_UsedWhenNoCredentialIsPassed(string transport)
    {
        var keyPath = await AuthorizeNewKeyAsync("ed25519", null, false);
        var keys = Directory.CreateDirectory(Path.Combine(_dir, "dotssh")).FullName;
        File.Copy(keyPath, Path.Combine(keys, "id_ed25519"));
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:KeyDirectory"] = keys });

        var open = await server.CallAsync<OpenResult>("ssh_open", Base(transport));

        Assert.Equal("ok\n", (await server.ExecAsync(open.SessionId, "echo ok")).Stdout);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_EncryptedKeyWithoutPassphrase_SaysToPassIt(string transport)
    {
        var keyPath = await AuthorizeNewKeyAsync("ed25519", Passphrase, false);
        var arguments = Base(transport);
        arguments["privateKeyPath"] = keyPath;

        var error = await _server.CallErrorAsync("ssh_open", arguments);

        Assert.Contains("is encrypted: pass its passphrase", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PemOrNot))]
    public async Task Open_WrongPassphrase_SaysSo(bool pem, string transport)
    {
        var keyPath = await AuthorizeNewKeyAsync("rsa", Passphrase, pem);
        var arguments = Base(transport);
        arguments["privateKeyPath"] = keyPath;
        arguments["passphrase"] = "not the passphrase";

        var error = await _server.CallErrorAsync("ssh_open", arguments);

        Assert.Contains("Wrong passphrase", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not the passphrase", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_UnreadableKeyFile_SaysItCannotBeRead(string transport)
    {
        var arguments = Base(transport);
        arguments["privateKeyPath"] = Path.Combine(_dir, "missing_key");

        var error = await _server.CallErrorAsync("ssh_open", arguments);

        Assert.Contains("Cannot read the private key file", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_KeyNotAuthorized_SaysWhichMethodsWereTried(string transport)
    {
        var keyPath = Path.Combine(_dir, "stranger");
        await KeygenAsync("ed25519", null, false, keyPath);
        var arguments = Base(transport);
        arguments["privateKeyPath"] = keyPath;

        var error = await _server.CallErrorAsync("ssh_open", arguments);

        Assert.Contains("Authentication failed", error, StringComparison.Ordinal);
        Assert.Contains($"tried: public key ({keyPath})", error, StringComparison.Ordinal);
    }

    private Dictionary<string, object?> Base(string transport) => new()
    {
        ["host"] = sshd.Host,
        ["port"] = sshd.Port,
        ["username"] = sshd.Username,
        ["transport"] = transport,
    };

    private async Task<string> AuthorizeNewKeyAsync(string type, string? passphrase, bool pem)
    {
        var path = Path.Combine(_dir, $"{type}-{Guid.NewGuid():N}");
        await KeygenAsync(type, passphrase, pem, path);
        await File.AppendAllTextAsync(Path.Combine(sshd.TempDirectory, "authorized_keys"), await File.ReadAllTextAsync(path + ".pub"));
        return path;
    }

    private static async Task KeygenAsync(string type, string? passphrase, bool pem, string path)
    {
        var arguments = new List<string> { "-q", "-t", type, "-N", passphrase ?? "", "-f", path };
        if (type == "rsa")
        {
            arguments.AddRange(["-b", "2048"]);
        }

        if (pem)
        {
            arguments.AddRange(["-m", "PEM"]);
        }

        var result = await LocalCommand.RunCheckedAsync("ssh-keygen", [.. arguments], default);
        Assert.Equal(0, result.ExitCode);
    }
}
