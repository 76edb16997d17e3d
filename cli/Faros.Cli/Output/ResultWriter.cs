using System.Text.Json;
using System.Text.Json.Nodes;

namespace Faros.Cli.Output;

/// <summary>Prints a read's result in the format asked for with -o: a table for people, JSON or YAML for programs.</summary>
public static class ResultWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <param name="table">Built only for -o table.</param>
    /// <param name="document">Built only for -o json|yaml.</param>
    /// <param name="empty">Printed to stderr instead of an empty table, e.g. "No workspaces found."</param>
    public static void Write(TextWriter output, TextWriter error, OutputFormat format, Func<Table> table, Func<JsonNode?> document, string? empty = null)
    {
        if (format != OutputFormat.Table)
        {
            WriteDocument(output, format, document());
            return;
        }

        var rows = table();
        if (rows.Count == 0 && empty is not null)
        {
            error.WriteLine(empty);
        }
        else
        {
            rows.WriteTo(output);
        }
    }

    /// <summary>A document as JSON or YAML (a table format falls back to JSON).</summary>
    public static void WriteDocument(TextWriter output, OutputFormat format, JsonNode? document)
    {
        if (format == OutputFormat.Yaml)
        {
            output.Write(YamlConverter.ToYaml(document));
        }
        else
        {
            output.WriteLine(document?.ToJsonString(Indented) ?? "null");
        }
    }

    /// <summary>A Kubernetes object (or list) as JSON, with the API's own field names.</summary>
    public static JsonNode? FromKubernetes(object value) => JsonNode.Parse(k8s.KubernetesJson.Serialize(value));

    /// <summary>A kubectl-style List wrapping objects.</summary>
    public static JsonNode KubernetesList(IEnumerable<object> items) => new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "List",
        ["items"] = new JsonArray(items.Select(FromKubernetes).ToArray()),
    };
}
