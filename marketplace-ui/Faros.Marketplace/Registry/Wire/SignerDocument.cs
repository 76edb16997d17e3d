using System.Text.Json.Serialization;

namespace Faros.Marketplace.Registry.Wire;

/// <summary>Who signed the package, and whether the registry trusts that identity.</summary>
public sealed class SignerDocument
{
    [JsonPropertyName("identity")]
    public string? Identity { get; init; }

    [JsonPropertyName("verified")]
    public bool Verified { get; init; }
}
