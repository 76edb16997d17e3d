using NuGet.Versioning;

namespace Faros.Registry.Feed;

/// <summary>The flat container's version list: every stored version, unlisted too, normalized, lower-case, ascending, once each.</summary>
public static class VersionListDocument
{
    public static CachedDocument Build(IEnumerable<NuGetVersion> versions) => CachedDocument.FromJson(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("versions");
        foreach (var version in versions.Distinct(VersionComparer.Default).Order(VersionComparer.Default))
        {
            json.WriteStringValue(version.ToNormalizedString().ToLowerInvariant());
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });
}
