using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Api.Plugins;

/// <summary>A container runtime on a device, handled by the plugin for <c>spec.type</c> (e.g. samples/docker-runtime).</summary>
[KubernetesEntity(Group = ApiGroups.Plugins, ApiVersion = ApiGroups.V1Alpha1, Kind = "ContainerRuntime", PluralName = "containerruntimes")]
public sealed class ContainerRuntime : CustomResource<ContainerRuntimeSpec, ContainerRuntimeStatus>;
