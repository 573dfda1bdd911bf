using System.Text.Json.Serialization;

namespace SshMcp.Server.Audit;

/// <summary>Source-generated JSON for <see cref="AuditRecord"/>: camelCase, absent fields left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuditRecord))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
