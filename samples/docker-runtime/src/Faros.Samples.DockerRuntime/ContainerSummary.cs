using System.Text.Json.Serialization;

namespace Faros.Samples.DockerRuntime;

/// <summary>One container as the engine lists it.</summary>
public sealed record ContainerSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("state")] string State);
