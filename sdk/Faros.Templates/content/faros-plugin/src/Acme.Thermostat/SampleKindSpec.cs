using System.Text.Json.Serialization;

namespace Acme.Thermostat;

/// <summary>Desired state, written by users.</summary>
public sealed class SampleKindSpec
{
    /// <summary>An example setting.</summary>
    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}
