using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Json.Schema;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Tools;

/// <summary>
/// Every tool's result, in its sparsest and its fullest form and with explicit nulls, validates against the output
/// schema the server publishes, under a strict JSON Schema validator. Strict clients (the TypeScript SDK, and so the
/// Inspector, Claude Code and VS Code) reject a result that does not. Built by reflection, so a field added later is
/// checked without touching this test.
/// </summary>
public sealed class ResultSchemaTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions WithNulls = new(McpJsonUtilities.DefaultOptions) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
    private McpServerHarness _server = null!;
    private Dictionary<string, JsonElement> _schemas = [];

    public static TheoryData<string> Tools() => [.. ToolResultTypes().Keys];

    public async Task InitializeAsync()
    {
        _server = await McpServerHarness.StartAsync();
        var tools = await _server.Client.ListToolsAsync().AsTask().WaitAsync(McpServerHarness.CallBound);
        _schemas = tools.ToDictionary(t => t.Name, t => t.ProtocolTool.OutputSchema ?? throw new InvalidOperationException($"{t.Name} has no output schema"));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(Tools))]
    public void Result_InEveryShape_ValidatesAgainstItsToolsOutputSchema(string tool)
    {
        var type = ToolResultTypes()[tool];
        var schema = JsonSchema.Build(_schemas[tool]);

        foreach (var (shape, json) in new[]
        {
            ("sparsest", JsonSerializer.SerializeToElement(Build(type, full: false), type, McpJsonUtilities.DefaultOptions)),
            ("fullest", JsonSerializer.SerializeToElement(Build(type, full: true), type, McpJsonUtilities.DefaultOptions)),
            ("with explicit nulls", JsonSerializer.SerializeToElement(Build(type, full: false), type, WithNulls)),
        })
        {
            var result = schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{tool} result ({shape}) {json} fails its schema {_schemas[tool]}: {Errors(result)}");
        }
    }

    [Fact]
    public void Schemas_EveryOptionalField_IsNotRequired()
    {
        // Absent means "nothing to say": a field that may be absent must not be listed as required.
        foreach (var (tool, type) in ToolResultTypes())
        {
            var sparse = JsonSerializer.SerializeToNode(Build(type, full: false), type, McpJsonUtilities.DefaultOptions)!.AsObject();
            var required = _schemas[tool].TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet() : [];
            Assert.All(required, name => Assert.True(sparse.ContainsKey(name!), $"{tool}: '{name}' is required but absent from a sparse result"));
        }
    }

    [Fact]
    public void ToolResultTypes_CoverEveryTool() =>
        Assert.Equal(_schemas.Keys.Order(), ToolResultTypes().Keys.Order());

    /// <summary>Tool name to its structured result type, read from the tool methods themselves.</summary>
    private static Dictionary<string, Type> ToolResultTypes() =>
        typeof(ToolNames).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Method: m, Tool: m.GetCustomAttribute<McpServerToolAttribute>()))
            .Where(x => x.Tool is not null)
            .ToDictionary(x => x.Tool!.Name!, x => x.Tool!.OutputSchemaType ?? Unwrap(x.Method.ReturnType));

    private static Type Unwrap(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;

    /// <summary>
    /// A record with every optional parameter left at its default and every nullable one null (sparse), or every
    /// parameter given a value (full).
    /// </summary>
    private static object Build(Type type, bool full)
    {
        var nullability = new NullabilityInfoContext();
        var constructor = type.GetConstructors().MaxBy(c => c.GetParameters().Length)!;
        var arguments = constructor.GetParameters()
            .Select(p => full ? Sample(p.ParameterType)
                : p.HasDefaultValue ? p.DefaultValue
                : nullability.Create(p).WriteState == NullabilityState.Nullable ? null
                : Sample(p.ParameterType))
            .ToArray();
        return constructor.Invoke(arguments);
    }

    private static object? Sample(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "x";
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(double))
        {
            return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }

        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var item = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
            list.Add(Sample(item));
            return list;
        }

        return Build(type, full: true);
    }

    private static string Errors(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
