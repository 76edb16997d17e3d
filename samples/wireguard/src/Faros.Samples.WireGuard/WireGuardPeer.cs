using System.Text.Json.Serialization;

namespace Faros.Samples.WireGuard;

/// <summary>One WireGuard peer.</summary>
public sealed class WireGuardPeer
{
    /// <summary>Base64 public key.</summary>
    [JsonPropertyName("publicKey")]
    public string PublicKey { get; set; } = "";

    /// <summary>host:port to reach the peer; unset for peers that dial in.</summary>
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; set; }

    /// <summary>CIDRs routed to the peer.</summary>
    [JsonPropertyName("allowedIPs")]
    public IList<string> AllowedIps { get; set; } = [];

    /// <summary>Keepalive seconds, for peers behind NAT.</summary>
    [JsonPropertyName("persistentKeepalive")]
    public int? PersistentKeepalive { get; set; }
}
