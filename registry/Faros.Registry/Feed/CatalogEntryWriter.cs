using System.Globalization;
using System.Text.Json;
using Faros.Registry.Metadata;
using NuGet.Versioning;

namespace Faros.Registry.Feed;

/// <summary>Writes a version's catalogEntry, the metadata NuGet clients read from registration pages.</summary>
public static class CatalogEntryWriter
{
    public static void Write(Utf8JsonWriter json, FeedUrls urls, PackageRecord package)
    {
        var leaf = urls.RegistrationLeaf(package.LowerId, package.LowerVersion);
        json.WriteStartObject();
        json.WriteString("@id", leaf + "#catalogEntry");
        json.WriteString("@type", "PackageDetails");
        json.WriteString("authors", package.Authors);
        json.WriteStartArray("dependencyGroups");
        foreach (var group in package.DependencyGroups)
        {
            var groupId = $"{leaf}#dependencygroup/{(group.TargetFramework ?? "any").ToLowerInvariant()}";
            json.WriteStartObject();
            json.WriteString("@id", groupId);
            json.WriteString("@type", "PackageDependencyGroup");
            if (group.TargetFramework is not null)
            {
                json.WriteString("targetFramework", group.TargetFramework);
            }

            json.WriteStartArray("dependencies");
            foreach (var dependency in group.Dependencies)
            {
                json.WriteStartObject();
                json.WriteString("@id", $"{groupId}/{dependency.Id.ToLowerInvariant()}");
                json.WriteString("@type", "PackageDependency");
                json.WriteString("id", dependency.Id);
                json.WriteString("range", dependency.Range ?? "(, )");
                json.WriteString("registration", urls.RegistrationIndex(dependency.Id.ToLowerInvariant()));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (package.Deprecation is { } deprecation)
        {
            json.WriteStartObject("deprecation");
            json.WriteString("@id", leaf + "#deprecation");
            json.WriteStartArray("reasons");
            foreach (var reason in deprecation.Reasons)
            {
                json.WriteStringValue(reason);
            }

            json.WriteEndArray();
            WriteIfPresent(json, "message", deprecation.Message);
            if (deprecation.AlternatePackageId is { } alternate)
            {
                json.WriteStartObject("alternatePackage");
                json.WriteString("id", alternate);
                json.WriteString("range", deprecation.AlternatePackageRange ?? "*");
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteString("description", package.Description);
        PluginMetadataWriter.Write(json, package.Plugin);
        SignerWriter.Write(json, urls, package);
        WriteIfPresent(json, "iconUrl", package.HasIcon ? urls.Icon(package.LowerId, package.LowerVersion) : package.IconUrl);
        json.WriteString("id", package.Id);
        WriteIfPresent(json, "language", package.Language);
        WriteIfPresent(json, "licenseExpression", package.LicenseExpression);
        WriteIfPresent(json, "licenseUrl", package.LicenseUrl);
        json.WriteBoolean("listed", package.Listed);
        WriteIfPresent(json, "minClientVersion", package.MinClientVersion);
        json.WriteString("packageContent", urls.PackageContent(package.LowerId, package.LowerVersion));
        json.WriteString("packageHash", package.Sha512);
        json.WriteString("packageHashAlgorithm", "SHA512");
        json.WriteNumber("packageSize", package.Size);
        json.WriteStartArray("packageTypes");
        foreach (var type in package.PackageTypes)
        {
            json.WriteStartObject();
            json.WriteString("name", type.Name);
            WriteIfPresent(json, "version", type.Version);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteIfPresent(json, "projectUrl", package.ProjectUrl);
        json.WriteString("published", Timestamp(package.Published));
        WriteIfPresent(json, "readmeUrl", package.HasReadme ? urls.Readme(package.LowerId, package.LowerVersion) : null);
        WriteIfPresent(json, "releaseNotes", package.ReleaseNotes);
        json.WriteBoolean("requireLicenseAcceptance", package.RequireLicenseAcceptance);
        WriteIfPresent(json, "summary", package.Summary);
        json.WriteStartArray("tags");
        foreach (var tag in SplitTags(package.Tags))
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        WriteIfPresent(json, "title", package.Title);
        json.WriteString("version", FullVersion(package));
        json.WriteStartArray("vulnerabilities");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string FullVersion(PackageRecord package) => NuGetVersion.Parse(package.OriginalVersion).ToFullString();

    public static string Timestamp(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static IEnumerable<string> SplitTags(string tags) =>
        tags.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }
}
