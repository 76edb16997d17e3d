using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Acme.Thermostat;

/// <summary>The custom resource this plugin reconciles. The build turns this attribute into the manifest's kind and a CRD.</summary>
[KubernetesEntity(Group = "sample.group.example", ApiVersion = "v1alpha1", Kind = "SampleKind", PluralName = "samplekinds")]
public sealed class SampleKind : CustomResource<SampleKindSpec, SampleKindStatus>;
