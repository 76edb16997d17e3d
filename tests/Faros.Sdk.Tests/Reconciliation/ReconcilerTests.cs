using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;

namespace Faros.Sdk.Tests.Reconciliation;

public sealed class ReconcilerTests
{
    [Test]
    public void The_kind_comes_from_the_resource_attribute()
    {
        IReconciler reconciler = new ScriptedReconciler(ReconcileResult.Done);

        Assert.That(reconciler.Kind, Is.EqualTo(new ResourceKind("acme.example.com", "v1alpha1", "Thermostat", "thermostats")));
        Assert.That(reconciler.Kind.ApiVersion, Is.EqualTo("acme.example.com/v1alpha1"));
        Assert.That(reconciler.ResourceType, Is.EqualTo(typeof(Thermostat)));
    }

    [Test]
    public async Task A_pass_records_the_observed_generation()
    {
        IReconciler reconciler = new ScriptedReconciler(ReconcileResult.Done);
        var resource = Thermostat.Named("a", generation: 12);

        await reconciler.ReconcileAsync(resource, CancellationToken.None);

        Assert.That(resource.Status.ObservedGeneration, Is.EqualTo(12));
    }

    [Test]
    public void The_untyped_entry_point_rejects_other_kinds()
    {
        IReconciler reconciler = new ScriptedReconciler(ReconcileResult.Done);

        Assert.ThrowsAsync<ArgumentException>(() => reconciler.ReconcileAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" } }, CancellationToken.None));
    }

    [Test]
    public void Types_without_a_KubernetesEntity_attribute_are_explained() =>
        Assert.That(Assert.Throws<InvalidOperationException>(() => ResourceKind.Of<ReconcilerTests>())!.Message, Does.Contain("[KubernetesEntity]"));

    [Test]
    public void Resources_round_trip_through_the_kubernetes_serializer_with_a_status_even_when_null()
    {
        var resource = KubernetesJson.Deserialize<Thermostat>("""
            {"apiVersion":"acme.example.com/v1alpha1","kind":"Thermostat","metadata":{"name":"a","generation":2},"spec":{"targetCelsius":21.5},"status":null}
            """);

        Assert.That(resource.Spec.TargetCelsius, Is.EqualTo(21.5));
        Assert.That(resource.Status, Is.Not.Null);
        Assert.That(KubernetesJson.Serialize(resource), Does.Contain("\"conditions\":[]"));
    }

    [Test]
    public void Result_factories_validate_their_input()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconcileResult.Requeue(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentException>(() => ReconcileResult.Retry(" "));
        Assert.That(ReconcileResult.Done.Failed, Is.False);
        Assert.That(ReconcileResult.Retry("x").Failed, Is.True);
    }
}
