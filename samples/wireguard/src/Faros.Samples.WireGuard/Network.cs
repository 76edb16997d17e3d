using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Samples.WireGuard;

/// <summary>A device network. This plugin handles those with spec.type wireguard and leaves the rest alone.</summary>
[KubernetesEntity(Group = "plugins.faros.sh", ApiVersion = "v1alpha1", Kind = "Network", PluralName = "networks")]
public sealed class Network : CustomResource<NetworkSpec, NetworkStatus>;
