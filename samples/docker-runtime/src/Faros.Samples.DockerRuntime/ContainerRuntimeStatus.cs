using System.Text.Json.Serialization;
using Faros.Sdk.Reconciliation;

namespace Faros.Samples.DockerRuntime;

/// <summary>What the engine reported.</summary>
public sealed class ContainerRuntimeStatus : ResourceStatus
{
    /// <summary>Docker Engine version, e.g. 27.3.1.</summary>
    [JsonPropertyName("engineVersion")]
    public string? EngineVersion { get; set; }

    /// <summary>Engine API version, e.g. 1.47.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>Containers on the engine, running or not.</summary>
    [JsonPropertyName("containers")]
    public IList<ContainerSummary> Containers { get; set; } = [];
}
