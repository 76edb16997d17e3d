using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Operator.PluginCatalog;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Faros.Operator.Tests.EdgeAgents;

/// <summary>
/// With default settings (re-resolve every 300 s, registry answers cached 30 s) a push or an unlist reaches the Agents that reference it within seconds, through the registry's change feed.
/// </summary>
[TestFixture]
public sealed class PackageChangeFeedTests : OperatorSuite
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    // Far below the 30 s cache and 300 s interval: only the change feed can be this quick.
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);
    private PluginPackages packages = null!;

    protected override string NamespacePrefix => "changes";

    protected override string[] OperatorArguments => ["--Operator:ReResolveIntervalSeconds", "300", "--Operator:RegistryCacheSeconds", "30"];

    protected override async Task PrepareAsync()
    {
        packages = new PluginPackages(Registry);
        await packages.PushPluginAsync("Contoso.Rolling", "1.0.0");
        await packages.PushPluginAsync("Contoso.Recalled", "1.0.0");
        await packages.PushPluginAsync("Contoso.Recalled", "1.1.0");
        await packages.PushPluginAsync("Contoso.Gauge", "1.0.0");
    }

    [OneTimeSetUp]
    public async Task ListeningAsync()
    {
        var feed = OperatorHost.Host.Services.GetRequiredService<RegistryChangeFeed>();
        await Eventually.HoldsAsync(() => feed.IsListening, Patience, "the operator listens to the registry's change feed");
    }

    [Test]
    public async Task A_version_pushed_under_a_floating_range_is_pinned_within_seconds()
    {
        await Agents.CreateAsync(Agent("rolling", Plugin("rolling", "Contoso.Rolling", "1.*")));
        await PinnedAsync("rolling", "1.0.0", Patience);

        await packages.PushPluginAsync("Contoso.Rolling", "1.1.0");
        var agent = await PinnedAsync("rolling", "1.1.0", Prompt);

        Assert.That(agent.Status.Plugins.Single().Digest, Is.EqualTo("sha512-" + packages.Sha512Of("Contoso.Rolling", "1.1.0")));
    }

    [Test]
    public async Task An_unlisted_version_is_replaced_within_seconds()
    {
        await Agents.CreateAsync(Agent("recalled", Plugin("recalled", "Contoso.Recalled", "1.*")));
        await PinnedAsync("recalled", "1.1.0", Patience);

        await packages.UnlistAsync("Contoso.Recalled", "1.1.0");

        await PinnedAsync("recalled", "1.0.0", Prompt);
    }

    [Test]
    public async Task A_reference_by_name_rolls_forward_within_seconds()
    {
        await Agents.CreateAsync(Agent("by-name", Plugin("gauge", null, null)));
        await PinnedAsync("by-name", "1.0.0", Patience);

        await packages.PushPluginAsync("Contoso.Gauge", "1.1.0");
        var agent = await PinnedAsync("by-name", "1.1.0", Prompt);

        Assert.That(agent.Status.Plugins.Single().Package, Is.EqualTo("Contoso.Gauge"));
    }

    private Task<EdgeAgent> PinnedAsync(string name, string version, TimeSpan within) =>
        Eventually.GetAsync(() => Agents.GetAsync(Ns, name),
            a => a.Status.Plugins.SingleOrDefault() is { Phase: PluginPhases.Resolved } pin && pin.Version == version,
            within, $"{name}: {version} pinned");
}
