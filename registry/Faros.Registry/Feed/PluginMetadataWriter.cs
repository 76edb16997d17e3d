using System.Text.Json;
using Faros.Registry.Metadata;

namespace Faros.Registry.Feed;

/// <summary>
/// Writes a plugin's manifest as the "faros" object on search hits and catalog entries, under the names the
/// marketplace and operator read (sdkRange, runtimes), so clients need not fetch the package to judge a plugin.
/// </summary>
public static class PluginMetadataWriter
{
    private static readonly (string Manifest, string Feed)[] Fields =
    [
        ("displayName", "displayName"), ("category", "category"), ("side", "side"), ("kinds", "kinds"), ("crds", "crds"),
        ("sdkVersionRange", "sdkRange"), ("runtimeIdentifiers", "runtimes"), ("permissions", "permissions"), ("tags", "tags"),
        ("entryAssembly", "entryAssembly"), ("pluginType", "pluginType"),
    ];

    public static void Write(Utf8JsonWriter json, PluginManifestRecord? plugin)
    {
        if (plugin is null)
        {
            return;
        }

        using var manifest = JsonDocument.Parse(plugin.Json);
        json.WriteStartObject("faros");
        foreach (var (manifestName, feedName) in Fields)
        {
            if (manifest.RootElement.TryGetProperty(manifestName, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                json.WritePropertyName(feedName);
                value.WriteTo(json);
            }
        }

        json.WriteEndObject();
    }
}
