namespace Faros.Registry.Feed;

/// <summary>The flat container's version list: every stored version, unlisted too, normalized and lower-case.</summary>
public static class VersionListDocument
{
    public static CachedDocument Build(PackageIdView view) => CachedDocument.FromJson(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("versions");
        foreach (var version in view.Versions)
        {
            json.WriteStringValue(version.LowerVersion);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });
}
