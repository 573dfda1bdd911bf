using System.Text;
using SshMcp.Server.Elicitation;

namespace SshMcp.Tests.Elicitation;

public sealed class SecretFormTests
{
    [Theory]
    [InlineData("secret=abc&action=send", "abc", "send")]
    [InlineData("action=send&secret=a+b%2Bc%26d%3D", "a b+c&d=", "send")]
    [InlineData("secret=%C3%A4%", "ä%", null)]
    [InlineData("secret=%zz&other=1", "%zz", null)]
    public void Parse_FormBody_DecodesTheSecretExactly(string body, string expected, string? action)
    {
        using var form = SecretForm.Parse(Encoding.ASCII.GetBytes(body));

        Assert.Equal(Encoding.UTF8.GetBytes(expected), form.Secret!.Utf8);
        Assert.Equal(action, form.Action);
    }

    [Theory]
    [InlineData("secret=&action=cancel")]
    [InlineData("action=cancel")]
    [InlineData("")]
    public void Parse_NoValue_HasNoSecret(string body)
    {
        using var form = SecretForm.Parse(Encoding.ASCII.GetBytes(body));

        Assert.Null(form.Secret);
    }

    [Fact]
    public void Dispose_SecretNotTaken_ZeroesIt()
    {
        var form = SecretForm.Parse("secret=hunter2"u8);
        var bytes = form.Secret!.Utf8;

        form.Dispose();

        Assert.All(bytes, b => Assert.Equal(0, b));
    }
}
