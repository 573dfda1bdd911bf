using System.Text;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>The helper ssh runs as SSH_ASKPASS and KnownHostsCommand (<c>Scripts/helper.sh</c>, embedded in the assembly).</summary>
internal static class HelperScript
{
    private const string DirectoryPlaceholder = "@DIR@";

    private static readonly Lazy<string> Template = new(Load);

    /// <summary>The script as shipped, with <c>@DIR@</c> where a session's directory goes.</summary>
    public static string Text => Template.Value;

    /// <summary>Writes the helper of one session into its private directory (0700).</summary>
    public static void WriteInto(SessionDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (directory.Path.Contains('\'', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{directory.Path} holds a quote, which the helper cannot name.", nameof(directory));
        }

        var text = Text.Replace(DirectoryPlaceholder, directory.Path, StringComparison.Ordinal);
        directory.WriteFile(directory.Helper, Encoding.UTF8.GetBytes(text), executable: true);
    }

    private static string Load()
    {
        using var stream = typeof(HelperScript).Assembly.GetManifestResourceStream("SshMcp.Transports.OpenSsh.Scripts.helper.sh")
            ?? throw new InvalidOperationException("The ssh helper script is not embedded in the server assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
