using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SshMcp.Server.Audit;

/// <summary>Writes audit records to the file and, when configured, to the log; reports whether the file took the record.</summary>
internal sealed class AuditTrail(IOptions<AuditOptions> options, AuditFileWriter file, ILoggerFactory loggerFactory)
{
    private readonly AuditOptions _options = options.Value;
    private readonly ILogger _audit = loggerFactory.CreateLogger(AuditLog.Category);
    private readonly ILogger _logger = loggerFactory.CreateLogger<AuditTrail>();

    public bool Enabled => _options.Enabled;

    public bool FailClosed => _options.FailClosed;

    public string CommandMode => _options.Commands;

    /// <summary>False when the record could not be written to the file (the failure is logged, never thrown).</summary>
    public async ValueTask<bool> WriteAsync(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_options.Log)
        {
            AuditLog.Record(_audit, record.Phase, record.Call, record.Principal, record.Client, record.Tool, record.User, record.Host, record.Port, record.Session,
                record.Command, record.CommandSha256, record.Outcome, record.Error, record.ExitCode, record.TimedOut, record.BytesOut, record.DurationMs);
        }

        if (string.IsNullOrWhiteSpace(_options.Path))
        {
            return true;
        }

        var line = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(line))
        {
            JsonSerializer.Serialize(json, record, AuditJsonContext.Default.AuditRecord);
        }

        line.Write("\n"u8);
        try
        {
            await file.WriteAsync(line.WrittenMemory);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            AuditLog.WriteFailed(_logger, record.Tool, _options.Path, ex.Message);
            return false;
        }
    }
}
