using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Sdk.Tests.Reconciliation;

[KubernetesEntity(Group = "acme.example.com", ApiVersion = "v1alpha1", Kind = "Thermostat", PluralName = "thermostats")]
public sealed class Thermostat : CustomResource<ThermostatSpec, ResourceStatus>
{
    public static Thermostat Named(string name, long generation = 1) =>
        new() { ApiVersion = "acme.example.com/v1alpha1", Kind = "Thermostat", Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "agent-1", Generation = generation } };
}
