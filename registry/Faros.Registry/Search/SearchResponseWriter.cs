using System.Text.Json;
using Faros.Registry.Feed;
using Faros.Registry.Metadata;
using NuGet.Protocol.Core.Types;

namespace Faros.Registry.Search;

/// <summary>Writes search results in the shape nuget.org's SearchQueryService uses, plus 'published' per hit.</summary>
public static class SearchResponseWriter
{
    public static CachedDocument Write(FeedUrls urls, SearchPage page, IReadOnlyList<IPackageSearchMetadata> upstreamHits) => CachedDocument.FromJson(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("totalHits", page.TotalHits);
        json.WriteStartArray("data");
        foreach (var hit in page.Hits)
        {
            WriteHit(json, urls, hit);
        }

        foreach (var hit in upstreamHits)
        {
            WriteUpstreamHit(json, urls, hit);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteHit(Utf8JsonWriter json, FeedUrls urls, SearchHit hit)
    {
        var latest = hit.Latest;
        var registration = urls.RegistrationIndex(hit.PackageId.LowerId);
        json.WriteStartObject();
        json.WriteString("@id", registration);
        json.WriteString("@type", "Package");
        json.WriteString("registration", registration);
        json.WriteString("id", hit.PackageId.Id);
        json.WriteString("version", CatalogEntryWriter.FullVersion(latest));
        json.WriteString("description", latest.Description);
        json.WriteString("summary", latest.Summary);
        json.WriteString("title", string.IsNullOrEmpty(latest.Title) ? hit.PackageId.Id : latest.Title);
        WriteIfPresent(json, "iconUrl", latest.HasIcon ? urls.Icon(latest.LowerId, latest.LowerVersion) : latest.IconUrl);
        WriteIfPresent(json, "licenseUrl", latest.LicenseUrl);
        WriteIfPresent(json, "projectUrl", latest.ProjectUrl);
        json.WriteStartArray("tags");
        foreach (var tag in CatalogEntryWriter.SplitTags(latest.Tags))
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteStartArray("authors");
        foreach (var author in latest.Authors.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            json.WriteStringValue(author);
        }

        json.WriteEndArray();
        json.WriteStartArray("owners");
        json.WriteStringValue(hit.PackageId.Owner);
        json.WriteEndArray();
        json.WriteNumber("totalDownloads", hit.PackageId.TotalDownloads);
        json.WriteBoolean("verified", false);
        json.WriteString("published", CatalogEntryWriter.Timestamp(latest.Published));
        PluginMetadataWriter.Write(json, latest.Plugin);
        SignerWriter.Write(json, urls, latest);
        json.WriteStartArray("packageTypes");
        foreach (var type in latest.PackageTypes)
        {
            json.WriteStartObject();
            json.WriteString("name", type.Name);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("versions");
        foreach (var version in hit.Versions)
        {
            json.WriteStartObject();
            json.WriteString("version", CatalogEntryWriter.FullVersion(version));
            json.WriteNumber("downloads", version.Downloads);
            json.WriteString("@id", urls.RegistrationLeaf(version.LowerId, version.LowerVersion));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("vulnerabilities");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A hit from an upstream feed: its metadata as the upstream gave it; versions are fetched through this registry on demand.</summary>
    private static void WriteUpstreamHit(Utf8JsonWriter json, FeedUrls urls, IPackageSearchMetadata hit)
    {
        var lowerId = hit.Identity.Id.ToLowerInvariant();
        var registration = urls.RegistrationIndex(lowerId);
        json.WriteStartObject();
        json.WriteString("@id", registration);
        json.WriteString("@type", "Package");
        json.WriteString("registration", registration);
        json.WriteString("id", hit.Identity.Id);
        json.WriteString("version", hit.Identity.Version.ToFullString());
        json.WriteString("description", hit.Description ?? "");
        json.WriteString("summary", hit.Summary ?? "");
        json.WriteString("title", string.IsNullOrEmpty(hit.Title) ? hit.Identity.Id : hit.Title);
        WriteIfPresent(json, "iconUrl", hit.IconUrl?.ToString());
        WriteIfPresent(json, "licenseUrl", hit.LicenseUrl?.ToString());
        WriteIfPresent(json, "projectUrl", hit.ProjectUrl?.ToString());
        json.WriteStartArray("tags");
        foreach (var tag in CatalogEntryWriter.SplitTags(hit.Tags ?? ""))
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteStartArray("authors");
        foreach (var author in (hit.Authors ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            json.WriteStringValue(author);
        }

        json.WriteEndArray();
        json.WriteStartArray("owners");
        json.WriteEndArray();
        json.WriteNumber("totalDownloads", hit.DownloadCount ?? 0);
        json.WriteBoolean("verified", false);
        json.WriteBoolean("upstream", true);
        json.WriteStartArray("versions");
        json.WriteStartObject();
        json.WriteString("version", hit.Identity.Version.ToFullString());
        json.WriteNumber("downloads", hit.DownloadCount ?? 0);
        json.WriteString("@id", urls.RegistrationLeaf(lowerId, hit.Identity.Version.ToNormalizedString().ToLowerInvariant()));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }
}
