using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Api.Edge;

/// <summary>An edge device's agent: which plugins it runs, and how their resolution and the device are doing.</summary>
[KubernetesEntity(Group = ApiGroups.Edge, ApiVersion = ApiGroups.V1Alpha1, Kind = "Agent", PluralName = "agents")]
public sealed class EdgeAgent : CustomResource<EdgeAgentSpec, EdgeAgentStatus>;
