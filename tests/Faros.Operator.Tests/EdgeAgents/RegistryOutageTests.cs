using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Sdk.Reconciliation;
using k8s.Models;
using Reasons = Faros.Api.Edge.EdgeAgentConditions.Reasons;

namespace Faros.Operator.Tests.EdgeAgents;

/// <summary>An unreachable registry keeps the last resolution and makes PluginsResolved Unknown; its return resolves again.</summary>
[TestFixture]
public sealed class RegistryOutageTests
{
    [Test]
    public async Task An_unreachable_registry_keeps_the_pins_and_sets_PluginsResolved_Unknown()
    {
        using var client = OperatorTestEnvironment.NewClient();
        var ns = await OperatorTestEnvironment.CreateNamespaceAsync(client, "outage");
        var agents = new ResourceClient<EdgeAgent>(client);
        var registry = await RegistryProcess.StartAsync();
        var registryStopped = false;
        await using var operatorHost = await OperatorUnderTest.StartAsync(ns, registry.ServiceIndex);
        try
        {
            var packages = new PluginPackages(registry);
            await packages.PushPluginAsync("Contoso.Vpn", "1.0.0");
            await agents.CreateAsync(new EdgeAgent
            {
                Metadata = new V1ObjectMeta { Name = "steady", NamespaceProperty = ns },
                Spec = new EdgeAgentSpec { Plugins = [new PluginReference { Name = "vpn", Package = "Contoso.Vpn", Version = "1.*" }] },
            });
            var pinned = await Eventually.GetAsync(() => agents.GetAsync(ns, "steady"),
                a => a.Status.IsConditionTrue(EdgeAgentConditions.PluginsResolved), TimeSpan.FromSeconds(30), "resolved while the registry is up");

            await registry.DisposeAsync();
            registryStopped = true;
            var during = await Eventually.GetAsync(() => agents.GetAsync(ns, "steady"),
                a => a.Status.FindCondition(EdgeAgentConditions.PluginsResolved)?.Status == ConditionStatus.Unknown,
                TimeSpan.FromSeconds(30), "PluginsResolved Unknown once the registry is gone (re-resolve interval 2 s)");
            var condition = during.Status.FindCondition(EdgeAgentConditions.PluginsResolved)!;
            Assert.Multiple(() =>
            {
                Assert.That(condition.Reason, Is.EqualTo(Reasons.RegistryUnavailable));
                Assert.That(condition.Message, Does.Contain("Keeping the last resolution"));
                Assert.That(during.Status.Plugins.Single().Version, Is.EqualTo(pinned.Status.Plugins.Single().Version));
                Assert.That(during.Status.Plugins.Single().Digest, Is.EqualTo(pinned.Status.Plugins.Single().Digest));
            });
        }
        finally
        {
            if (!registryStopped)
            {
                await registry.DisposeAsync();
            }
        }
    }
}
