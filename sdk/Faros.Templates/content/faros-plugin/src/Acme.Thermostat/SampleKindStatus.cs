using System.Text.Json.Serialization;
using Faros.Sdk.Reconciliation;

namespace Acme.Thermostat;

/// <summary>Observed state, written by the plugin. Conditions and observedGeneration come from ResourceStatus.</summary>
public sealed class SampleKindStatus : ResourceStatus
{
    /// <summary>The message last applied.</summary>
    [JsonPropertyName("appliedMessage")]
    public string? AppliedMessage { get; set; }
}
