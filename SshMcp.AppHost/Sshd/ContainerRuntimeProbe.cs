using System.ComponentModel;
using SshMcp.TestKit;

namespace SshMcp.AppHost.Sshd;

/// <summary>Whether a container runtime answers, checked the way DCP picks one: ASPIRE_CONTAINER_RUNTIME, else docker, then podman.</summary>
internal static class ContainerRuntimeProbe
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>The runtime whose <c>info</c> succeeds, or null when none does (not installed, or no daemon).</summary>
    public static async Task<string?> FindAsync(CancellationToken cancellationToken)
    {
        var configured = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME");
        string[] candidates = string.IsNullOrWhiteSpace(configured) ? ["docker", "podman"] : [configured.Trim()];
        foreach (var runtime in candidates)
        {
            try
            {
                if ((await LocalCommand.RunAsync(runtime, ["info"], cancellationToken, timeout: Bound)).ExitCode == 0)
                {
                    return runtime;
                }
            }
            catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or TimeoutException)
            {
                // Not installed, or no answer within the bound: not this one.
            }
        }

        return null;
    }
}
