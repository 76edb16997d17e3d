using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Api.Core;

/// <summary>The agent that runs inside a managed cluster on its behalf.</summary>
[KubernetesEntity(Group = ApiGroups.Core, ApiVersion = ApiGroups.V1Alpha1, Kind = "Agent", PluralName = "agents")]
public sealed class CoreAgent : CustomResource<CoreAgentSpec, CoreAgentStatus>;
