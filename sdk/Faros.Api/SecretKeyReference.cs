using System.Text.Json.Serialization;

namespace Faros.Api;

/// <summary>One key of a Secret in the referring resource's namespace.</summary>
public sealed class SecretKeyReference
{
    /// <summary>Secret name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Key within the Secret's data.</summary>
    [JsonPropertyName("key")]
    public string Key { get; set; } = "";
}
