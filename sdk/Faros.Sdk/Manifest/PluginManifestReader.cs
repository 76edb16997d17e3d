using System.Text.Json;

namespace Faros.Sdk.Manifest;

/// <summary>Reads <c>faros-plugin.json</c>.</summary>
public static class PluginManifestReader
{
    /// <summary>
    /// Reads a manifest. Only the JSON shape is checked here; call
    /// <see cref="PluginManifestValidator.Validate(PluginManifest)"/> for the content.
    /// </summary>
    /// <exception cref="PluginManifestFormatException">The stream is not a JSON object of the manifest's shape.</exception>
    public static PluginManifest Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return JsonSerializer.Deserialize(stream, PluginManifestJsonContext.Default.PluginManifest)
                ?? throw new PluginManifestFormatException(new ManifestDefect(
                    "$", "The manifest is the JSON literal null.", "Let the Faros.Sdk build targets generate faros-plugin.json."));
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path.TrimStart('$', '.');
            throw new PluginManifestFormatException(
                new ManifestDefect(path.Length == 0 ? "$" : path,
                    $"The manifest is not valid JSON of the expected shape: {ex.Message}",
                    "Let the Faros.Sdk build targets generate faros-plugin.json instead of editing it by hand."),
                ex);
        }
    }
}
