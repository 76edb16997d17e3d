using System.Text.Json.Serialization;

namespace Faros.Samples.WireGuard;

/// <summary>WireGuard interface settings.</summary>
public sealed class WireGuardConfig
{
    /// <summary>Base64 Curve25519 private key. Secret: written only to the 0600 config file, never logged or echoed in status.</summary>
    [JsonPropertyName("privateKey")]
    public string PrivateKey { get; set; } = "";

    /// <summary>UDP port to listen on; random when unset.</summary>
    [JsonPropertyName("listenPort")]
    public int? ListenPort { get; set; }

    /// <summary>Peers.</summary>
    [JsonPropertyName("peers")]
    public IList<WireGuardPeer> Peers { get; set; } = [];
}
