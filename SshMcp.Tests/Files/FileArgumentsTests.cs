using ModelContextProtocol;
using SshMcp.Server.Tools;

namespace SshMcp.Tests.Files;

public sealed class FileArgumentsTests
{
    [Theory]
    [InlineData("0644", 0x1A4)]
    [InlineData("644", 0x1A4)]
    [InlineData("4755", 0x9ED)]
    [InlineData("00600", 0x180)]
    [InlineData(null, null)]
    [InlineData(" ", null)]
    public void ParseMode_Octal_GivesTheBits(string? mode, int? expected) => Assert.Equal(expected, FileArguments.ParseMode(mode));

    [Theory]
    [InlineData("999")]
    [InlineData("rw-r--r--")]
    [InlineData("77")]
    [InlineData("177777")]
    public void ParseMode_NotOctalPermissions_SaysWhatItWants(string mode) =>
        Assert.Contains("mode must be octal", Assert.Throws<McpException>(() => FileArguments.ParseMode(mode)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(0x1A4, "0644")]
    [InlineData(0x9ED, "04755")]
    [InlineData(0, "0000")]
    public void FormatMode_Bits_AsOctal(int mode, string expected) => Assert.Equal(expected, FileArguments.FormatMode(mode));

    [Theory]
    [InlineData(null, false)]
    [InlineData("text", false)]
    [InlineData("UTF-8", false)]
    [InlineData("base64", true)]
    [InlineData("Base64", true)]
    public void IsBase64_Encoding_Understood(string? encoding, bool base64) => Assert.Equal(base64, FileArguments.IsBase64(encoding));

    [Fact]
    public void IsBase64_Unknown_IsRefused() =>
        Assert.Throws<McpException>(() => FileArguments.IsBase64("hex"));
}
