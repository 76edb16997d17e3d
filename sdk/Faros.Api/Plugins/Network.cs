using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Api.Plugins;

/// <summary>
/// A device network, as the hub sees it: the technology-specific <c>config</c> stays opaque here and is typed
/// by the plugin that handles <c>spec.type</c> (e.g. samples/wireguard).
/// </summary>
[KubernetesEntity(Group = ApiGroups.Plugins, ApiVersion = ApiGroups.V1Alpha1, Kind = "Network", PluralName = "networks")]
public sealed class Network : CustomResource<NetworkSpec, NetworkStatus>;
