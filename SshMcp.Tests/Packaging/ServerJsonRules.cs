using System.Text.Json;
using System.Text.RegularExpressions;

namespace SshMcp.Tests.Packaging;

/// <summary>
/// The rules of the MCP registry's server.json schema (2025-12-11) that a NuGet-packaged stdio server must meet:
/// required fields, their formats and lengths, and each package's required fields. Returns every broken rule, so
/// a failing test lists them all.
/// </summary>
internal static partial class ServerJsonRules
{
    private static readonly string[] RegistryTypes = ["npm", "pypi", "nuget", "oci", "mcpb"];
    private static readonly string[] TransportTypes = ["stdio", "streamable-http", "sse"];

    public static IReadOnlyList<string> Problems(string json)
    {
        var problems = new List<string>();
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException e)
        {
            return [$"not JSON: {e.Message}"];
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return ["the document is not a JSON object"];
        }

        var schema = String(root, "$schema");
        if (schema is null || !SchemaUrl().IsMatch(schema))
        {
            problems.Add($"$schema '{schema}' is not a published server.schema.json URL");
        }

        var name = String(root, "name");
        if (name is null || name.Length is < 3 or > 200 || !ServerName().IsMatch(name))
        {
            problems.Add($"name '{name}' must be 3-200 characters, reverse-DNS namespace, exactly one '/'");
        }

        var description = String(root, "description");
        if (description is null || description.Length is < 1 or > 100)
        {
            problems.Add($"description must be 1-100 characters; it has {description?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }

        CheckVersion(String(root, "version"), "version", problems);

        if (root.TryGetProperty("title", out var title) && (title.ValueKind != JsonValueKind.String || title.GetString()!.Length is < 1 or > 100))
        {
            problems.Add("title, when present, must be 1-100 characters");
        }

        if (root.TryGetProperty("repository", out var repository) && (String(repository, "url") is null || String(repository, "source") is null))
        {
            problems.Add("repository needs url and source");
        }

        if (!root.TryGetProperty("packages", out var packages) || packages.ValueKind != JsonValueKind.Array || packages.GetArrayLength() == 0)
        {
            problems.Add("packages must be a non-empty array");
            return problems;
        }

        var index = 0;
        foreach (var package in packages.EnumerateArray())
        {
            CheckPackage(package, $"packages[{index++}]", problems);
        }

        return problems;
    }

    /// <summary>A string property's value, or null when it is missing or not a string.</summary>
    public static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static void CheckPackage(JsonElement package, string path, List<string> problems)
    {
        var registryType = String(package, "registryType");
        if (registryType is null || !RegistryTypes.Contains(registryType))
        {
            problems.Add($"{path}.registryType '{registryType}' must be one of {string.Join(", ", RegistryTypes)}");
        }

        if (registryType is "npm" or "pypi" or "nuget")
        {
            if (string.IsNullOrEmpty(String(package, "identifier")))
            {
                problems.Add($"{path}.identifier (the package id) is required");
            }

            CheckVersion(String(package, "version"), $"{path}.version", problems);
        }

        if (!package.TryGetProperty("transport", out var transport) || !TransportTypes.Contains(String(transport, "type")))
        {
            problems.Add($"{path}.transport.type is required: one of {string.Join(", ", TransportTypes)}");
        }
        else if (String(transport, "type") != "stdio" && String(transport, "url") is null)
        {
            problems.Add($"{path}.transport.url is required for an HTTP transport");
        }

        foreach (var list in (string[])["packageArguments", "runtimeArguments"])
        {
            if (!package.TryGetProperty(list, out var arguments))
            {
                continue;
            }

            var i = 0;
            foreach (var argument in arguments.EnumerateArray())
            {
                var at = $"{path}.{list}[{i++}]";
                switch (String(argument, "type"))
                {
                    case "positional" when String(argument, "value") is null && String(argument, "valueHint") is null:
                        problems.Add($"{at}: a positional argument needs value or valueHint");
                        break;
                    case "named" when String(argument, "name") is null:
                        problems.Add($"{at}: a named argument needs name");
                        break;
                    case "positional" or "named":
                        break;
                    default:
                        problems.Add($"{at}.type must be positional or named");
                        break;
                }
            }
        }

        if (package.TryGetProperty("environmentVariables", out var variables))
        {
            var i = 0;
            foreach (var variable in variables.EnumerateArray())
            {
                if (String(variable, "name") is null)
                {
                    problems.Add($"{path}.environmentVariables[{i}].name is required");
                }

                i++;
            }
        }
    }

    private static void CheckVersion(string? version, string path, List<string> problems)
    {
        if (string.IsNullOrEmpty(version) || version.Length > 255 || version == "latest" || VersionRange().IsMatch(version))
        {
            problems.Add($"{path} '{version}' must be one exact version (not 'latest' or a range)");
        }
    }

    [GeneratedRegex(@"^https://[a-z0-9.-]+/schemas/\d{4}-\d{2}-\d{2}/server\.schema\.json$")]
    private static partial Regex SchemaUrl();

    [GeneratedRegex(@"^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$")]
    private static partial Regex ServerName();

    [GeneratedRegex(@"[\^~<>*|\s]|(^|\.)x(\.|$)")]
    private static partial Regex VersionRange();
}
