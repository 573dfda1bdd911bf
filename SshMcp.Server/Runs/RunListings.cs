using Microsoft.Extensions.Logging;
using SshMcp.Server.Diagnostics;
using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Runs;

/// <summary>
/// A principal's background runs, gathered from the hosts of its sessions: each host and user asked once, through
/// one of its sessions (an idle one when there is), all at once. The same in one process and across replicas; only
/// how a session is asked differs.
/// </summary>
internal static class RunListings
{
    public static async Task<RunListing> GatherAsync(
        IReadOnlyList<SessionSnapshot> sessions,
        Func<SessionSnapshot, CancellationToken, Task<IReadOnlyList<HostRunListing>>> ask,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(ask);
        var asked = sessions
            .GroupBy(s => (s.Endpoint.Host, s.Endpoint.Port, s.Endpoint.Username))
            .Select(g => g.OrderBy(s => s.Busy).First())
            .Select(async session =>
            {
                try
                {
                    return (Session: session, Runs: await ask(session, cancellationToken), Failed: false);
                }
                catch (SshFailureException failure)
                {
                    Log.RunListFailed(logger, session.Endpoint.Host, failure.Message);
                    return (Session: session, Runs: (IReadOnlyList<HostRunListing>)[], Failed: true);
                }
            });
        var answers = await Task.WhenAll(asked);
        return new RunListing(
            [.. answers.SelectMany(a => a.Runs.Select(run => new ListedRun(a.Session.Id, a.Session.Endpoint.Host, a.Session.Endpoint.Port, a.Session.Endpoint.Username, run)))],
            [.. answers.Where(a => a.Failed).Select(a => a.Session.Endpoint.ToString())]);
    }
}
