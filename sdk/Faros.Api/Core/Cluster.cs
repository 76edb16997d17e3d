using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Api.Core;

/// <summary>A managed cluster: the operator gives it an in-cluster Agent and a token, then follows its heartbeat.</summary>
[KubernetesEntity(Group = ApiGroups.Core, ApiVersion = ApiGroups.V1Alpha1, Kind = "Cluster", PluralName = "clusters")]
public sealed class Cluster : CustomResource<ClusterSpec, ClusterStatus>;
