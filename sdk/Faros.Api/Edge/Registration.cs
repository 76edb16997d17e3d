using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Api.Edge;

/// <summary>
/// Admits a device: the operator creates its identity (ServiceAccount, token Secret) and its permissions
/// (Role, RoleBinding) and publishes what the device's kubeconfig needs.
/// </summary>
[KubernetesEntity(Group = ApiGroups.Edge, ApiVersion = ApiGroups.V1Alpha1, Kind = "Registration", PluralName = "registrations")]
public sealed class Registration : CustomResource<RegistrationSpec, RegistrationStatus>;
