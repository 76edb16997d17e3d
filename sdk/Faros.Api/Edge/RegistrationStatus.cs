using System.Text.Json.Serialization;
using Faros.Sdk.Reconciliation;

namespace Faros.Api.Edge;

/// <summary>What the device's kubeconfig needs, plus conditions.</summary>
public sealed class RegistrationStatus : ResourceStatus
{
    /// <summary>URL of the hub's API server as devices reach it.</summary>
    [JsonPropertyName("server")]
    public string? Server { get; set; }

    /// <summary>Base64 PEM of the CA that signs the API server's certificate; unset when devices trust it otherwise.</summary>
    [JsonPropertyName("certificateAuthorityData")]
    public string? CertificateAuthorityData { get; set; }

    /// <summary>The device's ServiceAccount.</summary>
    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; set; }

    /// <summary>The Secret (key <c>token</c>) holding the device's bearer token.</summary>
    [JsonPropertyName("tokenSecretName")]
    public string? TokenSecretName { get; set; }
}
