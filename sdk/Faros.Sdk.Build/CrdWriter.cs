using System.Text;
using Faros.Sdk.Manifest;

namespace Faros.Sdk.Build;

/// <summary>
/// Writes a CustomResourceDefinition for a kind that has no hand-written one: namespaced, one served and
/// stored version, a status subresource, and spec/status left open (preserve-unknown-fields) because the
/// plugin's C# types, not an OpenAPI schema, are the source of truth for their shape.
/// </summary>
internal static class CrdWriter
{
    public static string FileName(PluginKind kind) => $"{kind.Plural}.{kind.Group}.yaml";

    public static string Render(PluginKind kind, string pluginName)
    {
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: apiextensions.k8s.io/v1\n");
        yaml.Append("kind: CustomResourceDefinition\n");
        yaml.Append("metadata:\n");
        yaml.Append($"  name: {kind.Plural}.{kind.Group}\n");
        yaml.Append("  labels:\n");
        yaml.Append($"    faros.sh/plugin: \"{pluginName}\"\n");
        yaml.Append("spec:\n");
        yaml.Append($"  group: {kind.Group}\n");
        yaml.Append("  scope: Namespaced\n");
        yaml.Append("  names:\n");
        yaml.Append($"    kind: {kind.Kind}\n");
        yaml.Append($"    listKind: {kind.Kind}List\n");
        yaml.Append($"    plural: {kind.Plural}\n");
        yaml.Append($"    singular: {kind.Kind!.ToLowerInvariant()}\n");
        yaml.Append("  versions:\n");
        yaml.Append($"    - name: {kind.Version}\n");
        yaml.Append("      served: true\n");
        yaml.Append("      storage: true\n");
        yaml.Append("      subresources:\n");
        yaml.Append("        status: {}\n");
        yaml.Append("      schema:\n");
        yaml.Append("        openAPIV3Schema:\n");
        yaml.Append("          type: object\n");
        yaml.Append("          properties:\n");
        yaml.Append("            spec:\n");
        yaml.Append("              type: object\n");
        yaml.Append("              x-kubernetes-preserve-unknown-fields: true\n");
        yaml.Append("            status:\n");
        yaml.Append("              type: object\n");
        yaml.Append("              x-kubernetes-preserve-unknown-fields: true\n");
        return yaml.ToString();
    }
}
