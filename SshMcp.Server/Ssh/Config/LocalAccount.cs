using System.Globalization;
using System.Net;

namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// The local account ssh works for: its name (<c>%u</c>), its home from the password database (<c>~</c> in paths,
/// <c>%d</c>, <c>~/.ssh/config</c>; ssh does not read <c>$HOME</c> there), its uid (<c>%i</c>), the machine's host
/// name (<c>%l</c>, <c>%L</c>), and <c>$HOME</c>, which ssh's glob uses for <c>~</c> in Include.
/// </summary>
internal sealed record LocalAccount(string UserName, string Home, string UserId, string HostName, string? HomeVariable)
{
    private const string PasswdPath = "/etc/passwd";

    /// <summary>The account this process runs as. Falls back to <c>$HOME</c> when the user is not in /etc/passwd.</summary>
    public static LocalAccount Current()
    {
        var userName = Environment.UserName;
        var entry = FindPasswdEntry(userName);
        var homeVariable = Environment.GetEnvironmentVariable("HOME");
        var home = entry?.Home ?? homeVariable ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new LocalAccount(userName, home, entry?.UserId ?? "", Dns.GetHostName(), homeVariable);
    }

    /// <summary>
    /// ssh's tilde_expand: <c>~</c> and <c>~/path</c> are under this account's home, <c>~user/path</c> under that
    /// user's. Throws <see cref="FormatException"/> for an unknown user.
    /// </summary>
    public string ExpandTilde(string path) => ExpandTilde(path, Home);

    /// <summary>glob's tilde, for Include: like <see cref="ExpandTilde(string)"/>, but <c>~/</c> is <c>$HOME</c> when set.</summary>
    public string ExpandIncludeTilde(string path) => ExpandTilde(path, string.IsNullOrEmpty(HomeVariable) ? Home : HomeVariable);

    private static string ExpandTilde(string path, string ownHome)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('~'))
        {
            return path;
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var user = slash < 0 ? path[1..] : path[1..slash];
        var rest = slash < 0 ? "" : path[slash..].TrimStart('/');
        var home = user.Length == 0
            ? ownHome
            : FindPasswdEntry(user)?.Home ?? throw new FormatException($"No such user {user}");
        return home.EndsWith('/') ? home + rest : home + "/" + rest;
    }

    private static (string Home, string UserId)? FindPasswdEntry(string userName)
    {
        try
        {
            foreach (var line in File.ReadLines(PasswdPath))
            {
                var fields = line.Split(':');
                if (fields.Length >= 6 && fields[0] == userName)
                {
                    return (fields[5], fields[2]);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>The <c>%x</c> tokens ssh expands in IdentityFile, CertificateFile, UserKnownHostsFile and IdentityAgent.</summary>
    public IReadOnlyDictionary<char, string> Tokens(string alias, string hostName, int port, string user, string? hostKeyAlias)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<char, string>
        {
            ['C'] = ConnectionHash(hostName, portText, user),
            ['L'] = HostName.Split('.')[0],
            ['i'] = UserId,
            ['k'] = hostKeyAlias ?? alias,
            ['l'] = HostName,
            ['n'] = alias,
            ['p'] = portText,
            ['d'] = Home,
            ['h'] = hostName,
            ['r'] = user,
            ['u'] = UserName,
        };
    }

    // OpenSSH 9.2's %C: SHA-1 of local host name, remote host, port and remote user, in hex.
    private string ConnectionHash(string hostName, string port, string user)
    {
#pragma warning disable CA5350 // SHA-1 is what OpenSSH uses for %C; it names a file, it protects nothing.
        var hash = System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(HostName + hostName + port + user));
#pragma warning restore CA5350
        return Convert.ToHexStringLower(hash);
    }
}
