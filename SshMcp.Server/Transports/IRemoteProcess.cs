namespace SshMcp.Server.Transports;

/// <summary>A command started by <see cref="ISshConnection.StartAsync"/>: its stdin, and how it ended.</summary>
internal interface IRemoteProcess : IDisposable
{
    /// <summary>Completes when the channel has closed: faulted when the connection dropped, otherwise the command exited.</summary>
    Task Exited { get; }

    /// <summary>The exit status, once <see cref="Exited"/>; null when a signal ended it or it is not known.</summary>
    int? ExitStatus { get; }

    /// <summary>The signal that ended it (<c>KILL</c>, <c>TERM</c>), once <see cref="Exited"/>; null otherwise.</summary>
    string? ExitSignal { get; }

    /// <summary>Writes to the command's stdin. Fails only when the channel is gone.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}
