using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Samples.DockerRuntime;

/// <summary>A container runtime on a device. This plugin handles spec.type docker.</summary>
[KubernetesEntity(Group = "plugins.faros.sh", ApiVersion = "v1alpha1", Kind = "ContainerRuntime", PluralName = "containerruntimes")]
public sealed class ContainerRuntime : CustomResource<ContainerRuntimeSpec, ContainerRuntimeStatus>;
