using System.Text.Encodings.Web;
using System.Text.Json;

namespace Faros.Sdk.Manifest;

/// <summary>Writes <c>faros-plugin.json</c> (indented, camelCase, nulls omitted).</summary>
public static class PluginManifestWriter
{
    // The manifest is a file read by tools and people, never embedded in HTML, so apostrophes and
    // non-ASCII text are written as they are rather than as \uXXXX escapes.
    private static readonly PluginManifestJsonContext ReadableContext = new(
        new JsonSerializerOptions(PluginManifestJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Writes <paramref name="manifest"/> as UTF-8 JSON to <paramref name="stream"/>.</summary>
    public static void Write(PluginManifest manifest, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, manifest, ReadableContext.PluginManifest);
    }
}
