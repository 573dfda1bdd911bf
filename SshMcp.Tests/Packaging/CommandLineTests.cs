using SshMcp.Server;

namespace SshMcp.Tests.Packaging;

/// <summary>The command line parser: switches, configuration arguments passed through, and clear usage errors.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void Parse_NoArguments_ServesHttp()
    {
        var command = Parse();

        Assert.False(command.Stdio);
        Assert.Null(command.Exit);
        Assert.Empty(command.ConfigurationArgs);
        Assert.Equal("", _output.ToString() + _error);
    }

    [Fact]
    public void Parse_Stdio_ServesStdio()
    {
        var command = Parse("--stdio");

        Assert.True(command.Stdio);
        Assert.Null(command.Exit);
        Assert.Empty(command.ConfigurationArgs);
    }

    [Theory]
    [InlineData("stdio", null, true)]
    [InlineData("STDIO", null, true)]
    [InlineData("http", null, false)]
    [InlineData("stdio", "--http", false)]
    [InlineData("http", "--stdio", true)]
    public void Parse_TransportVariable_SelectsTransportUnlessASwitchDoes(string variable, string? argument, bool stdio)
    {
        var command = Parse(variable, argument is null ? [] : [argument]);

        Assert.Null(command.Exit);
        Assert.Equal(stdio, command.Stdio);
    }

    [Fact]
    public void Parse_UnknownTransportVariable_ExitsTwoNamingIt()
    {
        var command = Parse("tcp", []);

        Assert.Equal(CommandLine.UsageError, command.Exit);
        Assert.Contains("SSHMCP_TRANSPORT", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("'tcp'", _error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--SshMcp:MaxOutputBytes=65536")]
    [InlineData("--PORT=8080")]
    [InlineData("--Logging:LogLevel:Default=Debug")]
    [InlineData("--SshMcp:Http:BindAddress=0.0.0.0")]
    public void Parse_SettingWithEquals_PassesThrough(string setting)
    {
        var command = Parse("--stdio", setting);

        Assert.Null(command.Exit);
        Assert.True(command.Stdio);
        Assert.Equal([setting], command.ConfigurationArgs);
    }

    [Theory]
    [InlineData("--SshMcp:DefaultTimeoutMs", "120000")]
    [InlineData("--PORT", "8080")]
    [InlineData("--port", "8080")]
    [InlineData("--HOST", "0.0.0.0")]
    public void Parse_KeyThenValue_PassesBothThrough(string key, string value)
    {
        var command = Parse(key, value, "--stdio");

        Assert.Null(command.Exit);
        Assert.True(command.Stdio);
        Assert.Equal([key, value], command.ConfigurationArgs);
    }

    [Fact]
    public void Parse_SettingsBeforeAndAfterSwitch_KeepTheirOrder()
    {
        var command = Parse("--SshMcp:MaxSessions", "8", "--http", "--SshMcp:KeepAliveSeconds=0");

        Assert.False(command.Stdio);
        Assert.Equal(["--SshMcp:MaxSessions", "8", "--SshMcp:KeepAliveSeconds=0"], command.ConfigurationArgs);
    }

    [Theory]
    [InlineData("--foo")]
    [InlineData("--foo", "bar")]
    [InlineData("--=value")]
    [InlineData("-x")]
    [InlineData("serve")]
    public void Parse_UnknownArgument_ExitsTwoNamingItOnStderr(params string[] args)
    {
        var command = Parse(args);

        Assert.Equal(2, command.Exit);
        Assert.Contains($"unknown argument '{args[0]}'", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("sshmcp --help", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", _output.ToString());
    }

    [Theory]
    [InlineData("stdio", "--stdio")]
    [InlineData("-stdio", "--stdio")]
    [InlineData("--STDIO", "--stdio")]
    [InlineData("--Version", "--version")]
    public void Parse_NearMissOfASwitch_SuggestsTheSwitch(string argument, string suggestion)
    {
        var command = Parse(argument);

        Assert.Equal(2, command.Exit);
        Assert.Contains($"Did you mean '{suggestion}'?", _error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--SshMcp:DefaultTimeoutMs")]
    [InlineData("--SshMcp:DefaultTimeoutMs", "--stdio")]
    [InlineData("--PORT")]
    public void Parse_KeyWithoutValue_ExitsTwoAskingForTheValue(params string[] args)
    {
        var command = Parse(args);

        Assert.Equal(2, command.Exit);
        Assert.Contains($"'{args[0]}' needs a value", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StdioAndHttp_ExitsTwo()
    {
        var command = Parse("--stdio", "--http");

        Assert.Equal(2, command.Exit);
        Assert.Contains("contradict", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EndOfOptionsMarker_IsIgnored()
    {
        var command = Parse("--", "--stdio");

        Assert.Null(command.Exit);
        Assert.True(command.Stdio);
        Assert.Empty(command.ConfigurationArgs);
    }

    [Fact]
    public void Parse_Version_PrintsVersionAndExitsZero()
    {
        var command = Parse("--version");

        Assert.Equal(0, command.Exit);
        Assert.Equal(ServerVersion.Current + Environment.NewLine, _output.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+", ServerVersion.Current);
        Assert.Equal("", _error.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void Parse_Help_PrintsUsageAndExitsZero(string argument)
    {
        var command = Parse("--stdio", argument);

        Assert.Equal(0, command.Exit);
        var help = _output.ToString();
        Assert.StartsWith($"SshMcp {ServerVersion.Current}", help, StringComparison.Ordinal);
        Assert.Contains("Usage: sshmcp [--stdio | --http]", help, StringComparison.Ordinal);
        Assert.Contains("SSH_PRIVATE_KEY", help, StringComparison.Ordinal);
        Assert.Equal("", _error.ToString());
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    private CommandLine Parse(params string[] args) => Parse(null, args);

    private CommandLine Parse(string? transportVariable, string[] args) =>
        CommandLine.Parse(args, transportVariable, _output, _error);
}
