using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Operator.EdgeAgents;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Reasons = Faros.Api.Edge.EdgeAgentConditions.Reasons;

namespace Faros.Operator.Tests.EdgeAgents;

/// <summary>
/// The edge Agent reconciler in the operator's real host, against the real API server and a real registry
/// process holding real plugin packages.
/// </summary>
[TestFixture]
public sealed class EdgeAgentReconcilerTests : OperatorSuite
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private PluginPackages packages = null!;

    protected override string NamespacePrefix => "edge";

    protected override async Task PrepareAsync()
    {
        packages = new PluginPackages(Registry);
        foreach (var version in new[] { "1.0.0", "1.1.0", "1.2.0", "2.0.0", "2.1.0-beta.1" })
        {
            await packages.PushPluginAsync("Contoso.Vpn", version);
        }

        await packages.UnlistAsync("Contoso.Vpn", "1.2.0");
        await packages.PushPluginAsync("Contoso.Future", "1.0.0", sdkRange: "[2.0.0, 3.0.0)");
        await packages.PushPluginAsync("Contoso.Thermo", "1.0.0");
        await packages.PushPluginAsync("Contoso.Untrusted", "1.0.0");
        await packages.PushPluginAsync("Contoso.Float", "1.0.0");
        await packages.PushLibraryAsync("Contoso.Library", "1.0.0");
        await packages.PushUnsignedPluginAsync("Contoso.Unsigned", "1.0.0");
        await packages.PushUnsignedPluginAsync("Contoso.Lenient", "1.0.0");
        await packages.PushPluginAsync("Contoso.Shared", "1.0.0");
    }

    [Test]
    public async Task Exact_minimum_floating_and_open_references_are_pinned_with_digest_and_download_url()
    {
        await Agents.CreateAsync(Agent("pins",
            Plugin("exact", "Contoso.Vpn", "[1.0.0]"),
            Plugin("minimum", "Contoso.Vpn", "1.0.0"),
            Plugin("floating", "Contoso.Vpn", "1.*"),
            Plugin("latest", "Contoso.Vpn", null)));

        var agent = await ResolvedAsync("pins", ConditionStatus.True);
        var pinned = agent.Status.Plugins.ToDictionary(p => p.Name, p => p.Version);
        Assert.That(pinned, Is.EqualTo(new Dictionary<string, string?>
        {
            ["exact"] = "1.0.0",
            ["minimum"] = "1.0.0",   // NuGet: a plain version is a minimum and takes the lowest match
            ["floating"] = "1.1.0",  // highest listed 1.x: 1.2.0 is unlisted
            ["latest"] = "2.0.0",    // highest stable: 2.1.0-beta.1 is a prerelease
        }));

        var floating = agent.Status.Plugins.Single(p => p.Name == "floating");
        Assert.Multiple(() =>
        {
            Assert.That(floating.Package, Is.EqualTo("Contoso.Vpn"));
            Assert.That(floating.Digest, Is.EqualTo("sha512-" + packages.Sha512Of("Contoso.Vpn", "1.1.0")));
            Assert.That(floating.Phase, Is.EqualTo(PluginPhases.Resolved));
            Assert.That(agent.Status.ObservedGeneration, Is.EqualTo(agent.Metadata.Generation));
        });

        using var http = new HttpClient();
        var downloaded = await http.GetByteArrayAsync(floating.DownloadUrl);
        Assert.That(downloaded, Is.EqualTo(packages.BytesOf("Contoso.Vpn", "1.1.0")), "the download URL serves exactly the pinned bytes");
    }

    [TestCase("Contoso.Missing", "1.0.0", Reasons.NotFound, "does not exist")]
    [TestCase("Contoso.Library", "1.0.0", Reasons.NotFound, "not a Faros plugin")]
    [TestCase("Contoso.Vpn", "[3.0.0,)", Reasons.NoMatchingVersion, "listed: 2.1.0-beta.1, 2.0.0, 1.1.0, 1.0.0")]
    [TestCase("Contoso.Vpn", "[1.2.0]", Reasons.NoMatchingVersion, "no listed version")]
    [TestCase("Contoso.Future", "1.0.0", Reasons.IncompatibleSdk, "needs Faros.Sdk [2.0.0, 3.0.0)")]
    [TestCase("Contoso.Untrusted", "1.0.0", Reasons.SignaturePolicyViolation, "not an allowed public key")]
    [TestCase("Contoso.Unsigned", "1.0.0", Reasons.SignaturePolicyViolation, "carries no signature")]
    [TestCase("Contoso.Vpn", "not-a-range", Reasons.NoMatchingVersion, "not a NuGet version range")]
    public async Task An_unresolvable_reference_names_its_reason(string package, string version, string reason, string message)
    {
        var name = "fail-" + reason.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..6];
        await Agents.CreateAsync(Agent(name, Plugin("good", "Contoso.Vpn", "[1.0.0]"), Plugin("bad", package, version)));

        var agent = await ResolvedAsync(name, ConditionStatus.False);
        var condition = agent.Status.FindCondition(EdgeAgentConditions.PluginsResolved)!;
        var bad = agent.Status.Plugins.Single(p => p.Name == "bad");
        Assert.Multiple(() =>
        {
            Assert.That(condition.Reason, Is.EqualTo(reason));
            Assert.That(condition.Message, Does.Contain(message));
            Assert.That(bad.Phase, Is.EqualTo(PluginPhases.Unresolved));
            Assert.That(bad.Digest, Is.Null);
            Assert.That(agent.Status.Plugins.Single(p => p.Name == "good").Version, Is.EqualTo("1.0.0"), "the other reference still resolves");
        });
    }

    [Test]
    public async Task A_reference_without_package_is_found_in_the_plugin_catalog_by_name()
    {
        await Agents.CreateAsync(Agent("by-name", Plugin("thermo", null, null)));
        var agent = await ResolvedAsync("by-name", ConditionStatus.True);
        Assert.That(agent.Status.Plugins.Single().Package, Is.EqualTo("Contoso.Thermo"));
    }

    [Test]
    public async Task A_floating_range_picks_up_a_newly_pushed_version_within_the_re_resolve_interval()
    {
        await Agents.CreateAsync(Agent("rolls", Plugin("float", "Contoso.Float", "1.*")));
        var agent = await ResolvedAsync("rolls", ConditionStatus.True);
        Assert.That(agent.Status.Plugins.Single().Version, Is.EqualTo("1.0.0"));

        await packages.PushPluginAsync("Contoso.Float", "1.1.0");
        agent = await Eventually.GetAsync(() => Agents.GetAsync(Ns, "rolls"), a => a.Status.Plugins.Single().Version == "1.1.0",
            TimeSpan.FromSeconds(15), "1.1.0 pinned after it was pushed (re-resolve interval 2 s)");
        Assert.That(agent.Status.Plugins.Single().Digest, Is.EqualTo("sha512-" + packages.Sha512Of("Contoso.Float", "1.1.0")));
    }

    [Test]
    public async Task A_device_reported_phase_survives_re_resolution_while_the_pin_is_unchanged()
    {
        await Agents.CreateAsync(Agent("device-phase", Plugin("vpn", "Contoso.Vpn", "[1.0.0]")));
        var agent = await ResolvedAsync("device-phase", ConditionStatus.True);
        agent.Status.Plugins[0].Phase = PluginPhases.Running;
        agent.Status.Plugins[0].Message = "loaded on the device";
        await Agents.ReplaceStatusAsync(agent);

        await Agents.MergePatchAsync(Ns, "device-phase", """{"metadata":{"labels":{"poke":"1"}}}""");
        await Task.Delay(TimeSpan.FromSeconds(3));
        agent = await Agents.GetAsync(Ns, "device-phase");
        Assert.That(agent.Status.Plugins[0].Phase, Is.EqualTo(PluginPhases.Running));
    }

    [Test]
    public async Task Connected_follows_the_agents_Lease()
    {
        await Agents.CreateAsync(Agent("device-1", Plugin("vpn", "Contoso.Vpn", "[1.0.0]")));
        await ConnectedAsync("device-1", ConditionStatus.Unknown, Reasons.NoLease);

        var lease = await Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "device-1" },
            Spec = new V1LeaseSpec { HolderIdentity = "device-1", LeaseDurationSeconds = 3, RenewTime = DateTime.UtcNow },
        }, Ns);
        var connected = await ConnectedAsync("device-1", ConditionStatus.True, Reasons.LeaseRenewed);
        Assert.That(connected.Status.LastHeartbeat, Is.Not.Null);

        await ConnectedAsync("device-1", ConditionStatus.False, Reasons.LeaseExpired);

        lease = await Client.CoordinationV1.ReadNamespacedLeaseAsync("device-1", Ns);
        lease.Spec.RenewTime = DateTime.UtcNow;
        await Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "device-1", Ns);
        await ConnectedAsync("device-1", ConditionStatus.True, Reasons.LeaseRenewed);
    }

    [Test]
    public async Task A_plugin_signed_by_an_allowed_key_is_verified_and_its_signer_is_in_status()
    {
        await Agents.CreateAsync(Agent("signed", Plugin("thermo", "Contoso.Thermo", "[1.0.0]")));

        var agent = await VerifiedAsync("signed", ConditionStatus.True);
        var verified = agent.Status.FindCondition(EdgeAgentConditions.PluginsVerified)!;
        var signer = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(TestPublisherKey.Shared.SubjectPublicKeyInfo))[..16];
        Assert.Multiple(() =>
        {
            Assert.That(verified.Reason, Is.EqualTo(Reasons.Verified));
            Assert.That(agent.Status.Plugins.Single().Signer, Is.EqualTo($"key sha256:{signer}"));
            Assert.That(verified.Message, Does.Contain($"key sha256:{signer}"));
            Assert.That(agent.Status.Plugins.Single().Phase, Is.EqualTo(PluginPhases.Resolved));
        });
    }

    [TestCase("Contoso.Unsigned", "SignatureMissing")]
    [TestCase("Contoso.Untrusted", "UnknownKey")]
    public async Task A_plugin_the_policy_denies_is_not_pinned_and_PluginsVerified_names_the_failure(string package, string reason)
    {
        var name = "denied-" + reason.ToLowerInvariant();
        await Agents.CreateAsync(Agent(name, Plugin("bad", package, "[1.0.0]")));

        var agent = await VerifiedAsync(name, ConditionStatus.False);
        var plugin = agent.Status.Plugins.Single();
        Assert.Multiple(() =>
        {
            Assert.That(agent.Status.FindCondition(EdgeAgentConditions.PluginsVerified)!.Reason, Is.EqualTo(reason));
            Assert.That(agent.Status.FindCondition(EdgeAgentConditions.PluginsResolved)!.Reason, Is.EqualTo(Reasons.SignaturePolicyViolation));
            Assert.That(plugin.Digest, Is.Null, "a denied plugin is not pinned");
            Assert.That(plugin.DownloadUrl, Is.Null);
        });
    }

    [Test]
    public async Task An_unsigned_plugin_under_a_warn_rule_is_pinned_and_the_warning_shown()
    {
        await Agents.CreateAsync(Agent("lenient", Plugin("lenient", "Contoso.Lenient", "[1.0.0]")));

        var agent = await VerifiedAsync("lenient", ConditionStatus.True);
        var verified = agent.Status.FindCondition(EdgeAgentConditions.PluginsVerified)!;
        Assert.Multiple(() =>
        {
            Assert.That(verified.Reason, Is.EqualTo(Reasons.Warned));
            Assert.That(verified.Message, Does.Contain("Warned (SignatureMissing)"));
            Assert.That(agent.Status.Plugins.Single().Digest, Is.EqualTo("sha512-" + packages.Sha512Of("Contoso.Lenient", "1.0.0")));
        });
    }

    [Test]
    public async Task Many_agents_referencing_one_plugin_version_verify_it_once()
    {
        var trust = OperatorHost.Host.Services.GetRequiredService<SignatureTrustPolicy>();
        var before = trust.Verifications;
        var names = Enumerable.Range(0, 20).Select(i => $"shared-{i:D2}").ToList();
        await Task.WhenAll(names.Select(name => Agents.CreateAsync(Agent(name, Plugin("shared", "Contoso.Shared", "1.0.0")))));

        foreach (var name in names)
        {
            await VerifiedAsync(name, ConditionStatus.True);
        }

        Assert.That(trust.Verifications - before, Is.EqualTo(1), "one download and verification for 20 agents and their re-resolutions");
    }

    private Task<EdgeAgent> ResolvedAsync(string name, string status) =>
        Eventually.GetAsync(() => Agents.GetAsync(Ns, name),
            a => a.Status.FindCondition(EdgeAgentConditions.PluginsResolved) is { } c && c.Status == status && c.ObservedGeneration == a.Metadata.Generation,
            Patience, $"{name}: PluginsResolved {status}");

    private Task<EdgeAgent> VerifiedAsync(string name, string status) =>
        Eventually.GetAsync(() => Agents.GetAsync(Ns, name),
            a => a.Status.FindCondition(EdgeAgentConditions.PluginsVerified) is { } c && c.Status == status && c.ObservedGeneration == a.Metadata.Generation,
            Patience, $"{name}: PluginsVerified {status}");

    private Task<EdgeAgent> ConnectedAsync(string name, string status, string reason) =>
        Eventually.GetAsync(() => Agents.GetAsync(Ns, name),
            a => a.Status.FindCondition(EdgeAgentConditions.Connected) is { } c && c.Status == status && c.Reason == reason,
            Patience, $"{name}: Connected {status} ({reason})");
}
