using k8s;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Operator.EdgeAgents;
using Faros.Sdk.Reconciliation;
using k8s.Models;
using Reasons = Faros.Api.Edge.EdgeAgentConditions.Reasons;

namespace Faros.Operator.Tests.EdgeAgents;

/// <summary>CRDs shipped in plugin packages are installed when a plugin is first referenced, labelled with their owner, and checked.</summary>
[TestFixture]
public sealed class PluginCrdTests
{
    [Test]
    public async Task A_referenced_plugins_CRD_is_installed_with_its_owner_and_a_hijacking_one_is_refused()
    {
        using var client = OperatorTestEnvironment.NewClient();
        var ns = await OperatorTestEnvironment.CreateNamespaceAsync(client, "plugin-crds");
        await using var registry = await RegistryProcess.StartAsync();
        var packages = new PluginPackages(registry);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var group = $"gadgets{suffix}.contoso.com";
        await packages.PushPluginWithCrdAsync("Contoso.Gadgets", "1.0.0", group, "Gadget", "gadgets", Crd(group, "Gadget", "gadgets"));
        await packages.PushPluginWithCrdAsync("Contoso.Hijack", "1.0.0", "edge.faros.sh", "Agent", "agents", Crd("edge.faros.sh", "Agent", "agents"));
        await packages.PushPluginWithCrdAsync("Contoso.NetworkTwin", "1.0.0", "plugins.faros.sh", "Network", "networks", Crd("plugins.faros.sh", "Network", "networks"));
        await using var operatorHost = await OperatorUnderTest.StartAsync(ns, registry.ServiceIndex);
        var agents = new ResourceClient<EdgeAgent>(client);

        await agents.CreateAsync(Agent(ns, "gadgeteer", "Contoso.Gadgets", "Contoso.NetworkTwin"));
        await Eventually.GetAsync(() => agents.GetAsync(ns, "gadgeteer"), a => a.Status.IsConditionTrue(EdgeAgentConditions.CrdsInstalled), TimeSpan.FromSeconds(30), "CRDs installed");
        var gadgets = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync($"gadgets.{group}");
        Assert.That(gadgets.Metadata.Labels[PluginCrdInstaller.OwnerLabel], Is.EqualTo("Contoso.Gadgets"));
        Assert.That(gadgets.Metadata.Labels[PluginCrdInstaller.VersionLabel], Is.EqualTo("1.0.0"));
        var network = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("networks.plugins.faros.sh");
        Assert.That(network.Metadata.Labels.ContainsKey(PluginCrdInstaller.OwnerLabel), Is.False, "Faros's own Network CRD stays as installed");

        await agents.CreateAsync(Agent(ns, "hijacked", "Contoso.Hijack"));
        var refused = await Eventually.GetAsync(() => agents.GetAsync(ns, "hijacked"),
            a => a.Status.FindCondition(EdgeAgentConditions.CrdsInstalled)?.Status == ConditionStatus.False, TimeSpan.FromSeconds(30), "CRD refused");
        Assert.That(refused.Status.FindCondition(EdgeAgentConditions.CrdsInstalled)!.Reason, Is.EqualTo(Reasons.CrdRejected));
        Assert.That(refused.Status.FindCondition(EdgeAgentConditions.CrdsInstalled)!.Message, Does.Contain("belongs to Faros itself"));
        var agentsCrd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("agents.edge.faros.sh");
        Assert.That(agentsCrd.Metadata.Labels.ContainsKey(PluginCrdInstaller.OwnerLabel), Is.False);
    }

    private static EdgeAgent Agent(string ns, string name, params string[] packages) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new EdgeAgentSpec { Plugins = packages.Select((p, i) => new PluginReference { Name = $"p{i}", Package = p, Version = "1.0.0" }).ToList() },
    };

    private static string Crd(string group, string kind, string plural) => $"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: {plural}.{group}
        spec:
          group: {group}
          scope: Namespaced
          names: {"{"}kind: {kind}, listKind: {kind}List, plural: {plural}, singular: {kind.ToLowerInvariant()}{"}"}
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources: {"{"}status: {"{"}{"}"}{"}"}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec: {"{"}type: object, x-kubernetes-preserve-unknown-fields: true{"}"}
                  status: {"{"}type: object, x-kubernetes-preserve-unknown-fields: true{"}"}
        """;
}
