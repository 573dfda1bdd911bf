using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Options;
using SshMcp.Server.Options;
using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh;
using static SshMcp.Server.Diagnostics.TelemetryNames;

namespace SshMcp.Server.Diagnostics;

/// <summary>
/// The server's spans and metrics: one ActivitySource and one Meter named <see cref="SourceName"/>, the Meter made by
/// the host's <see cref="IMeterFactory"/>. Spans carry where and what happened, never a credential; the command
/// text only when <see cref="TelemetryOptions.IncludeCommandText"/> is on. With nobody listening a span is null
/// and every method returns after a null check, so the exec path pays nothing.
/// </summary>
internal sealed class SshMcpTelemetry : IDisposable
{
    private const int MaxCommandTextLength = 1024;

    /// <summary>Exec durations run from milliseconds to the 10-minute timeout cap.</summary>
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private static readonly FrozenDictionary<SshFailureKind, string> KindNames =
        Enum.GetValues<SshFailureKind>().ToFrozenDictionary(kind => kind, kind => SnakeCase(kind.ToString()));

    private readonly ActivitySource _source = new(SourceName, ServerVersion.Current);
    private readonly Meter _meter;
    private readonly UpDownCounter<long> _sessionsActive;
    private readonly Histogram<double> _execDuration;
    private readonly Counter<long> _execCount;
    private readonly Counter<long> _openFailures;
    private readonly Counter<long> _outputBytes;
    private readonly bool _includeCommandText;

    public SshMcpTelemetry(IMeterFactory meterFactory, IOptions<TelemetryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        _includeCommandText = options.Value.IncludeCommandText;
        _meter = meterFactory.Create(new MeterOptions(SourceName) { Version = ServerVersion.Current });
        _sessionsActive = _meter.CreateUpDownCounter<long>(SessionsActive, "{session}", "SSH sessions open now.");
        _execDuration = _meter.CreateHistogram(
            ExecDuration, "s", "Duration of ssh_exec calls, by outcome.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _execCount = _meter.CreateCounter<long>(ExecCount, "{command}", "ssh_exec calls by outcome: ok, nonzero, timeout, cancelled, error.");
        _openFailures = _meter.CreateCounter<long>(OpenFailures, "{failure}", "ssh_open calls that failed, by reason.");
        _outputBytes = _meter.CreateCounter<long>(OutputBytes, "By", "Bytes commands printed (before truncation), by stream.");
    }

    /// <summary>The snake_case name of a failure kind, as the <c>reason</c> and <c>error.type</c> values spell it.</summary>
    public static string ReasonOf(SshFailureKind kind) => KindNames.GetValueOrDefault(kind, "other");

    public Activity? StartOpen(OpenRequest request)
    {
        var activity = _source.StartActivity(OpenSpan, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            // What the call named; the resolved endpoint replaces it once the session is open.
            activity.SetTag(ServerAddress, request.Host);
            activity.SetTag(ServerPort, request.Port);
            activity.SetTag(User, request.Username);
        }

        return activity;
    }

    public static void OpenSucceeded(Activity? activity, SshSession session)
    {
        if (activity is { IsAllDataRequested: true })
        {
            SetEndpoint(activity, session.Endpoint.Host, session.Endpoint.Port, session.Endpoint.Username);
            activity.SetTag(SessionId, session.LogRef);
            activity.SetTag(HostKeyStatus, Ssh.HostKeys.HostKeyStatusExtensions.ToWireString(session.Endpoint.HostKeyStatus));
        }
    }

    public void OpenFailed(Activity? activity, Exception exception)
    {
        var reason = ErrorTypeOf(exception);
        _openFailures.Add(1, new KeyValuePair<string, object?>(Reason, reason));
        if (exception is not OperationCanceledException)
        {
            Fail(activity, reason, exception);
        }
    }

    public void SessionStarted() => _sessionsActive.Add(1);

    public void SessionEnded() => _sessionsActive.Add(-1);

    public Activity? StartExec(string sessionId, string command)
    {
        var activity = _source.StartActivity(ExecSpan, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(SessionId, SessionIds.LogRef(sessionId));
            if (_includeCommandText)
            {
                activity.SetTag(Command, command.Length <= MaxCommandTextLength ? command : command[..MaxCommandTextLength]);
            }
        }

        return activity;
    }

    public static void ExecTarget(Activity? activity, SessionEndpoint endpoint)
    {
        if (activity is { IsAllDataRequested: true })
        {
            SetEndpoint(activity, endpoint.Host, endpoint.Port, endpoint.Username);
        }
    }

    public void ExecCompleted(Activity? activity, ExecOutcome outcome)
    {
        var name = outcome.TimedOut ? OutcomeTimeout
            : outcome.Cancelled ? OutcomeCancelled
            : outcome.ExitCode == 0 ? OutcomeOk
            : OutcomeNonZero;
        RecordExec(name, outcome.Duration);
        if (_outputBytes.Enabled)
        {
            _outputBytes.Add(outcome.Stdout.TotalBytes, new KeyValuePair<string, object?>(OutputStream, StreamStdout));
            _outputBytes.Add(outcome.Stderr.TotalBytes, new KeyValuePair<string, object?>(OutputStream, StreamStderr));
        }

        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.SetTag(Outcome, name);
        activity.SetTag(ExitCode, outcome.ExitCode);
        activity.SetTag(Signal, outcome.Signal);
        activity.SetTag(TimedOut, outcome.TimedOut);
        activity.SetTag(DurationMs, (long)outcome.Duration.TotalMilliseconds);
        activity.SetTag(StdoutBytes, outcome.Stdout.TotalBytes);
        activity.SetTag(StderrBytes, outcome.Stderr.TotalBytes);
        activity.SetTag(Truncated, outcome.Stdout.OmittedBytes > 0 || outcome.Stderr.OmittedBytes > 0);
        activity.SetTag(Stop, outcome.StopStatus);
        activity.SetTag(ShellEnded, outcome.ShellEnded);
    }

    public void ExecFailed(Activity? activity, Exception exception, TimeSpan elapsed)
    {
        var cancelled = exception is OperationCanceledException;
        RecordExec(cancelled ? OutcomeCancelled : OutcomeError, elapsed);
        activity?.SetTag(Outcome, cancelled ? OutcomeCancelled : OutcomeError);
        if (!cancelled)
        {
            // A caller that gave up is not a failure of the tool.
            Fail(activity, ErrorTypeOf(exception), exception);
        }
    }

    /// <summary>A span for a file transfer (<see cref="ReadFileSpan"/> or <see cref="WriteFileSpan"/>); never carries a path.</summary>
    public Activity? StartTransfer(string span, string sessionId)
    {
        var activity = _source.StartActivity(span, ActivityKind.Client);
        activity?.SetTag(SessionId, SessionIds.LogRef(sessionId));
        return activity;
    }

    public static void TransferCompleted(Activity? activity, long bytes, string via)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(FileBytes, bytes);
            activity.SetTag(FileVia, via);
        }
    }

    public static void TransferFailed(Activity? activity, Exception exception)
    {
        if (exception is not OperationCanceledException)
        {
            Fail(activity, ErrorTypeOf(exception), exception);
        }
    }

    public Activity? StartClose(SshSession session, string reason)
    {
        var activity = _source.StartActivity(CloseSpan, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            SetEndpoint(activity, session.Endpoint.Host, session.Endpoint.Port, session.Endpoint.Username);
            activity.SetTag(SessionId, session.LogRef);
            SetEndpoint(activity, session.Endpoint.Host, session.Endpoint.Port, session.Endpoint.Username);
            activity.SetTag(CloseReason, reason);
        }

        return activity;
    }

    public void Dispose()
    {
        _source.Dispose();
        _meter.Dispose();
    }

    private void RecordExec(string outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>(Outcome, outcome);
        _execCount.Add(1, tag);
        if (_execDuration.Enabled)
        {
            _execDuration.Record(duration.TotalSeconds, tag);
        }
    }

    private static void SetEndpoint(Activity activity, string host, int port, string user)
    {
        activity.SetTag(ServerAddress, host);
        activity.SetTag(ServerPort, port);
        activity.SetTag(User, user);
    }

    /// <summary>
    /// Error status with a description fit for an operator: an <see cref="SshFailureException"/>'s message is written
    /// for the agent and never holds a secret; any other exception is named by its type only.
    /// </summary>
    private static void Fail(Activity? activity, string errorType, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(ErrorType, errorType);
        activity.SetStatus(ActivityStatusCode.Error, exception is SshFailureException ? exception.Message : exception.GetType().Name);
    }

    private static string ErrorTypeOf(Exception exception) => exception switch
    {
        SshFailureException failure => ReasonOf(failure.Kind),
        OperationCanceledException => OutcomeCancelled,
        _ => exception.GetType().Name,
    };

    private static string SnakeCase(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
