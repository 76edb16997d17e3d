using Faros.Sdk;
using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Acme.Thermostat.Tests;

public sealed class SampleKindReconcilerTests
{
    private static SampleKind Resource(string message) => new()
    {
        Metadata = new V1ObjectMeta { Name = "example", NamespaceProperty = "agent-1", Generation = 1 },
        Spec = new SampleKindSpec { Message = message },
    };

    [Test]
    public async Task Applies_the_message_and_reports_Ready()
    {
        var resource = Resource("hello");

        var result = await new SampleKindReconciler(TimeProvider.System).ReconcileAsync(resource, CancellationToken.None);

        Assert.That(result, Is.EqualTo(ReconcileResult.Done));
        Assert.That(resource.Status.AppliedMessage, Is.EqualTo("hello"));
        Assert.That(resource.Status.IsConditionTrue(SampleKindReconciler.ReadyCondition), Is.True);
        Assert.That(resource.Status.ObservedGeneration, Is.EqualTo(1));
    }

    [Test]
    public async Task An_empty_message_is_reported_not_applied()
    {
        var resource = Resource("");

        await new SampleKindReconciler(TimeProvider.System).ReconcileAsync(resource, CancellationToken.None);

        Assert.That(resource.Status.FindCondition(SampleKindReconciler.ReadyCondition)?.Reason, Is.EqualTo("MessageMissing"));
    }

    [Test]
    public async Task The_plugin_serves_its_kind()
    {
        var plugin = new SampleKindPlugin();
        await plugin.StartAsync(new PluginContext { PluginName = "Acme.Thermostat", Side = "device", StateDirectory = new DirectoryInfo(Path.GetTempPath()) }, CancellationToken.None);

        Assert.That(plugin.Reconcilers.Single().Kind.Kind, Is.EqualTo("SampleKind"));
    }
}
