using System.Text.Json.Serialization;
using Faros.Sdk.Reconciliation;

namespace Faros.Api.Plugins;

/// <summary>What the device's engine reported.</summary>
public sealed class ContainerRuntimeStatus : ResourceStatus
{
    /// <summary>Engine version.</summary>
    [JsonPropertyName("engineVersion")]
    public string? EngineVersion { get; set; }

    /// <summary>Engine API version.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>Containers on the engine, running or not.</summary>
    [JsonPropertyName("containers")]
    public IList<RuntimeContainer> Containers { get; set; } = [];
}
