using System.Text.Json.Serialization;

namespace Faros.Marketplace.Registry.Wire;

/// <summary><c>/v3/index.json</c>: the list of resources a NuGet v3 server offers.</summary>
public sealed class ServiceIndexDocument
{
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("resources")]
    public List<ServiceIndexResource> Resources { get; init; } = [];
}

/// <summary>One entry of the service index.</summary>
public sealed class ServiceIndexResource
{
    [JsonPropertyName("@id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "";
}
