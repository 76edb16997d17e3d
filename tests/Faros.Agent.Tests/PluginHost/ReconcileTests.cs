using System.Text.Json.Nodes;
using Faros.Agent.Tests.Fixtures;
using Faros.PluginHost.Supervision;
using Faros.Sdk.Reconciliation;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.PluginHost;

/// <summary>The host drives a running plugin's reconcilers: resources in and out as JSON, failures into backoff.</summary>
public sealed class ReconcileTests
{
    internal static readonly ResourceKind EchoKind = new("testplugins.faros.sh", "v1alpha1", "Echo", "echoes");

    internal static string EchoResource(string message) => $$"""
        {
          "apiVersion": "testplugins.faros.sh/v1alpha1",
          "kind": "Echo",
          "metadata": { "name": "greeting", "namespace": "edge-1", "generation": 3, "creationTimestamp": "2026-01-02T03:04:05Z" },
          "spec": { "message": "{{message}}" }
        }
        """;

    [Test]
    public async Task A_resource_is_reconciled_by_the_running_version_and_comes_back_with_its_status()
    {
        await using var harness = new HostHarness();
        harness.Host.Apply([AgentTestRun.Packages.Get(Echo).Spec()]);
        var running = await harness.WaitForRunningAsync(Echo, "1.0.0");

        var v1Pass = await harness.Host.ReconcileAsync(EchoKind, EchoResource("hello"), CancellationToken.None);
        harness.Host.Apply([AgentTestRun.Packages.Get(Echo, "2.0.0").Spec()]);
        await harness.WaitForRunningAsync(Echo, "2.0.0");
        var v2Pass = await harness.Host.ReconcileAsync(EchoKind, EchoResource("hello"), CancellationToken.None);

        var status = JsonNode.Parse(v1Pass.ResourceJson)!["status"]!;
        Assert.Multiple(() =>
        {
            Assert.That(running.Kinds, Is.EqualTo(new[] { EchoKind }));
            Assert.That(v1Pass.Outcome.Result.Failed, Is.False);
            Assert.That(v1Pass.Outcome.NextRunIn, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That((string?)status["echoed"], Is.EqualTo("v1: hello"));
            Assert.That((long?)status["observedGeneration"], Is.EqualTo(3));
            Assert.That((string?)status["conditions"]![0]!["type"], Is.EqualTo("Ready"));
            Assert.That((string?)status["conditions"]![0]!["status"], Is.EqualTo("True"));
            Assert.That((string?)JsonNode.Parse(v1Pass.ResourceJson)!["metadata"]!["name"], Is.EqualTo("greeting"));
            Assert.That((string?)JsonNode.Parse(v2Pass.ResourceJson)!["status"]!["echoed"], Is.EqualTo("v2: hello"), "after the swap the new version reconciles");
        });
    }

    [Test]
    public async Task A_reconcile_that_throws_is_a_failed_outcome_with_growing_backoff_and_the_plugin_keeps_running()
    {
        await using var harness = new HostHarness(configure: o => o with { ReconcileBackoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)) });
        harness.Host.Apply([AgentTestRun.Packages.Get(Echo).Spec()]);
        await harness.WaitForRunningAsync(Echo, "1.0.0");

        var first = await harness.Host.ReconcileAsync(EchoKind, EchoResource("fail"), CancellationToken.None);
        var second = await harness.Host.ReconcileAsync(EchoKind, EchoResource("fail"), CancellationToken.None);
        var recovered = await harness.Host.ReconcileAsync(EchoKind, EchoResource("fine"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome.Result.Error, Does.Contain("The echo reconciler was asked to fail."));
            Assert.That((first.Outcome.NextRunIn, second.Outcome.NextRunIn), Is.EqualTo((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2))));
            Assert.That(second.Outcome.ConsecutiveFailures, Is.EqualTo(2));
            Assert.That(recovered.Outcome.ConsecutiveFailures, Is.Zero);
            Assert.That(harness.Find(Echo)!.Phase, Is.EqualTo(PluginPhase.Running));
        });
    }

    [Test]
    public async Task A_kind_no_running_plugin_owns_is_refused_by_name()
    {
        await using var harness = new HostHarness();

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => harness.Host.ReconcileAsync(EchoKind, EchoResource("x"), CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("No running plugin reconciles Echo.testplugins.faros.sh/v1alpha1."));
    }
}
