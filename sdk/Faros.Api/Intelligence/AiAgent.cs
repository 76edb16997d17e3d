using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Api.Intelligence;

/// <summary>An AI agent backed by an OpenAI-compatible model, operating the Clusters its selector picks.</summary>
[KubernetesEntity(Group = ApiGroups.Intelligence, ApiVersion = ApiGroups.V1Alpha1, Kind = "Agent", PluralName = "agents")]
public sealed class AiAgent : CustomResource<AiAgentSpec, AiAgentStatus>;
