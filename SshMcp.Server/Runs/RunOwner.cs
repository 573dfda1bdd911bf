using System.Security.Cryptography;
using System.Text;
using SshMcp.Server.Principals;

namespace SshMcp.Server.Runs;

/// <summary>
/// Who started a background run, as the host records it (in <c>RUN.meta</c>): a hash of the <see cref="Principal"/>,
/// so the host learns no token name or OAuth subject, while every later session of the same principal, in this server
/// process or the next, computes the same word. <c>ssh_list</c> shows a principal only its own runs, and another
/// principal's run id reads as unknown.
/// </summary>
internal static class RunOwner
{
    public static string Of(Principal principal)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("sshmcp-run-owner:" + principal.Id));
        return "o" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }
}
