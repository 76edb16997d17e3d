using System.Text.Json.Serialization;

namespace Faros.Marketplace.Registry.Wire;

/// <summary>The SearchQueryService response: nuget.org's shape plus Faros extensions.</summary>
public sealed class SearchResponseDocument
{
    [JsonPropertyName("totalHits")]
    public long TotalHits { get; init; }

    [JsonPropertyName("data")]
    public List<SearchHitDocument> Data { get; init; } = [];
}

/// <summary>One package in a search response; describes its latest version matching the query.</summary>
public sealed class SearchHitDocument
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("summary")]
    public string? Summary { get; init; }

    [JsonPropertyName("iconUrl")]
    public string? IconUrl { get; init; }

    [JsonPropertyName("tags")]
    [JsonConverter(typeof(TagListConverter))]
    public List<string> Tags { get; init; } = [];

    [JsonPropertyName("authors")]
    [JsonConverter(typeof(StringListConverter))]
    public List<string> Authors { get; init; } = [];

    [JsonPropertyName("owners")]
    [JsonConverter(typeof(StringListConverter))]
    public List<string> Owners { get; init; } = [];

    [JsonPropertyName("totalDownloads")]
    public long TotalDownloads { get; init; }

    [JsonPropertyName("verified")]
    public bool Verified { get; init; }

    [JsonPropertyName("packageTypes")]
    public List<PackageTypeDocument> PackageTypes { get; init; } = [];

    [JsonPropertyName("versions")]
    public List<SearchHitVersionDocument> Versions { get; init; } = [];

    /// <summary>Faros extension: when the latest version was published.</summary>
    [JsonPropertyName("published")]
    public DateTimeOffset? Published { get; init; }

    [JsonPropertyName("faros")]
    public FarosMetadataDocument? Faros { get; init; }

    [JsonPropertyName("signer")]
    public SignerDocument? Signer { get; init; }
}

/// <summary>A version listed on a search hit, with its own download count.</summary>
public sealed class SearchHitVersionDocument
{
    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    [JsonPropertyName("downloads")]
    public long Downloads { get; init; }
}

/// <summary>A NuGet package type, e.g. FarosPlugin or Dependency.</summary>
public sealed class PackageTypeDocument
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";
}
