using System.Text.Json;
using System.Text.Json.Nodes;
using Faros.Sdk;
using Microsoft.Extensions.Logging;
using NuGet.Versioning;

namespace Faros.PluginHost.Caching;

/// <summary>
/// The plugins that last reached Running, kept in the cache directory so a restart without network can bring
/// the same set back from cached (and re-verified) packages.
/// </summary>
public static class LastKnownGoodSet
{
    /// <summary>
    /// Reads the set saved in <paramref name="cacheDirectory"/>; empty when there is none, or when the file is
    /// unreadable (logged: the host then starts with no plugins until the hub sends the set).
    /// </summary>
    public static IReadOnlyList<PluginSpec> Read(string cacheDirectory, ILogger logger)
    {
        var path = Path.Combine(cacheDirectory, PluginCacheLayout.LastKnownGoodFileName);
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException or NullReferenceException)
        {
            logger.LogError("The last-known-good plugin set {Path} is unreadable ({Error}); starting without it", path, ex.Message);
            return [];
        }
    }

    private static PluginSpec[] Parse(string json)
    {
        var array = JsonNode.Parse(json)?.AsArray() ?? [];
        return array.Select(node => new PluginSpec(
                (string)node!["id"]!,
                NuGetVersion.Parse((string)node["version"]!),
                PackageDigest.Parse((string)node["digest"]!),
                node["downloadUrl"] is { } url ? new Uri((string)url!) : null,
                new PluginConfiguration(JsonSerializer.SerializeToElement(node["configuration"]))))
            .ToArray();
    }

    /// <summary>Replaces the saved set, atomically.</summary>
    public static void Write(string cacheDirectory, IEnumerable<PluginSpec> specs)
    {
        var array = new JsonArray(specs.OrderBy(s => s.Id, StringComparer.OrdinalIgnoreCase).Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Id,
            ["version"] = s.Version.ToNormalizedString(),
            ["digest"] = s.Digest.Base64,
            ["downloadUrl"] = s.DownloadUrl?.ToString(),
            ["configuration"] = JsonNode.Parse(s.Configuration.Root.GetRawText()),
        }).ToArray());
        var path = Path.Combine(cacheDirectory, PluginCacheLayout.LastKnownGoodFileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, path, overwrite: true);
    }
}
