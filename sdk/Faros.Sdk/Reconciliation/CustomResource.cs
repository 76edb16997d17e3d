using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Faros.Sdk.Reconciliation;

/// <summary>
/// Base for a plugin's custom resource. Derive, add <see cref="KubernetesEntityAttribute"/> with group,
/// version, kind and plural; the build turns that attribute into the manifest's kinds and a CRD.
/// </summary>
/// <typeparam name="TSpec">Desired state, written by users.</typeparam>
/// <typeparam name="TStatus">Observed state, written by the plugin.</typeparam>
public abstract class CustomResource<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus>, IHasResourceStatus
    where TSpec : new()
    where TStatus : ResourceStatus, new()
{
    private TStatus _status = new();

    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("status")]
    public TStatus Status
    {
        get => _status;
        set => _status = value ?? new TStatus();
    }

    /// <inheritdoc />
    ResourceStatus IHasResourceStatus.CurrentStatus => Status;
}
