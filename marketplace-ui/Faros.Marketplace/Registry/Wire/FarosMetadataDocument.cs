using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faros.Marketplace.Registry.Wire;

/// <summary>
/// The optional <c>faros</c> object the registry adds to search hits and catalog entries until plugin manifests
/// land. Every member may be missing; lists of objects whose shape is not settled yet are kept as raw JSON.
/// </summary>
public sealed class FarosMetadataDocument
{
    [JsonPropertyName("category")]
    public string? Category { get; init; }

    [JsonPropertyName("kinds")]
    public List<KindDocument>? Kinds { get; init; }

    [JsonPropertyName("crds")]
    public List<JsonElement>? Crds { get; init; }

    [JsonPropertyName("side")]
    public string? Side { get; init; }

    [JsonPropertyName("sdkRange")]
    public string? SdkRange { get; init; }

    [JsonPropertyName("runtimes")]
    public List<JsonElement>? Runtimes { get; init; }

    [JsonPropertyName("permissions")]
    public List<JsonElement>? Permissions { get; init; }
}

/// <summary>A Kubernetes kind a plugin serves.</summary>
public sealed class KindDocument
{
    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("kind")]
    public string? Kind { get; init; }
}
