using System.Text.Json;
using Faros.Registry.Metadata;

namespace Faros.Registry.Feed;

/// <summary>
/// Builds registration (package metadata) documents. Up to <see cref="InlineLimit"/> versions, pages are
/// inlined in the index; beyond that the index only points at pages of <see cref="PageSize"/>, so a
/// client that wants the latest version does not download every version's metadata.
/// </summary>
public static class RegistrationDocuments
{
    public const int InlineLimit = 128;
    public const int PageSize = 64;

    public static CachedDocument Index(FeedUrls urls, PackageIdView view)
    {
        var inline = view.Versions.Count < InlineLimit;
        return CachedDocument.FromJson(json =>
        {
            var indexUrl = urls.RegistrationIndex(view.Id.LowerId);
            json.WriteStartObject();
            json.WriteString("@id", indexUrl);
            json.WriteStartArray("@type");
            json.WriteStringValue("catalog:CatalogRoot");
            json.WriteStringValue("PackageRegistration");
            json.WriteStringValue("catalog:Permalink");
            json.WriteEndArray();
            WriteCommit(json, view);
            var pages = Pages(view.Versions).ToList();
            json.WriteNumber("count", pages.Count);
            json.WriteStartArray("items");
            foreach (var page in pages)
            {
                WritePage(json, urls, view, page, inline);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>A separate page document, or null when no page has those bounds.</summary>
    public static CachedDocument? Page(FeedUrls urls, PackageIdView view, string lower, string upper)
    {
        var page = Pages(view.Versions).FirstOrDefault(candidate =>
            candidate[0].LowerVersion == lower && candidate[^1].LowerVersion == upper);
        return page is null ? null : CachedDocument.FromJson(json => WritePage(json, urls, view, page, inline: true));
    }

    public static CachedDocument Leaf(FeedUrls urls, PackageRecord package) => CachedDocument.FromJson(json =>
    {
        json.WriteStartObject();
        json.WriteString("@id", urls.RegistrationLeaf(package.LowerId, package.LowerVersion));
        json.WriteStartArray("@type");
        json.WriteStringValue("Package");
        json.WriteStringValue("http://schema.nuget.org/catalog#Permalink");
        json.WriteEndArray();
        json.WriteString("catalogEntry", urls.RegistrationLeaf(package.LowerId, package.LowerVersion) + "#catalogEntry");
        json.WriteBoolean("listed", package.Listed);
        json.WriteString("packageContent", urls.PackageContent(package.LowerId, package.LowerVersion));
        json.WriteString("published", CatalogEntryWriter.Timestamp(package.Published));
        json.WriteString("registration", urls.RegistrationIndex(package.LowerId));
        json.WriteEndObject();
    });

    private static void WritePage(Utf8JsonWriter json, FeedUrls urls, PackageIdView view, IReadOnlyList<PackageRecord> page, bool inline)
    {
        var lower = page[0].LowerVersion;
        var upper = page[^1].LowerVersion;
        var indexUrl = urls.RegistrationIndex(view.Id.LowerId);
        json.WriteStartObject();
        json.WriteString("@id", inline && view.Versions.Count < InlineLimit
            ? $"{indexUrl}#page/{lower}/{upper}"
            : urls.RegistrationPage(view.Id.LowerId, lower, upper));
        json.WriteString("@type", "catalog:CatalogPage");
        WriteCommit(json, view);
        json.WriteNumber("count", page.Count);
        if (inline)
        {
            json.WriteStartArray("items");
            foreach (var package in page)
            {
                json.WriteStartObject();
                json.WriteString("@id", urls.RegistrationLeaf(package.LowerId, package.LowerVersion));
                json.WriteString("@type", "Package");
                WriteCommit(json, view);
                json.WritePropertyName("catalogEntry");
                CatalogEntryWriter.Write(json, urls, package);
                json.WriteString("packageContent", urls.PackageContent(package.LowerId, package.LowerVersion));
                json.WriteString("registration", indexUrl);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("parent", indexUrl);
        }

        json.WriteString("lower", CatalogEntryWriter.FullVersion(page[0]));
        json.WriteString("upper", CatalogEntryWriter.FullVersion(page[^1]));
        json.WriteEndObject();
    }

    private static IEnumerable<IReadOnlyList<PackageRecord>> Pages(IReadOnlyList<PackageRecord> versions) => versions.Chunk(PageSize);

    private static void WriteCommit(Utf8JsonWriter json, PackageIdView view)
    {
        var latest = view.Versions.Max(version => version.Published);
        json.WriteString("commitId", view.Versions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + latest.ToUnixTimeMilliseconds());
        json.WriteString("commitTimeStamp", CatalogEntryWriter.Timestamp(latest));
    }
}
