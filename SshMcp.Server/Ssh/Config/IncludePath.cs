namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// Where an <c>Include</c> argument points, by ssh's rules: an absolute path or <c>~</c> as written (<c>~</c> only in
/// a user file), anything else under <c>~/.ssh</c> for a user file or the system directory for the system file; then
/// glob(3) with <c>$HOME</c> for <c>~</c>.
/// </summary>
internal static class IncludePath
{
    /// <summary>The existing files and directories the argument names; throws <see cref="FormatException"/> as ssh refuses it.</summary>
    public static List<string> Expand(string argument, bool userFile, string systemDirectory, LocalAccount account)
    {
        ArgumentNullException.ThrowIfNull(argument);
        ArgumentNullException.ThrowIfNull(account);
        if (argument.Length == 0)
        {
            throw new FormatException("keyword include empty argument");
        }

        if (argument[0] == '~' && !userFile)
        {
            throw new FormatException($"bad include path {argument}.");
        }

        var pattern = argument[0] is '/' or '~' ? argument : (userFile ? "~/.ssh/" : systemDirectory + "/") + argument;
        return IncludeGlob.Expand(account.ExpandIncludeTilde(pattern));
    }
}
