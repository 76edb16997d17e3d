using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Samples.WireGuard.Tests;

public sealed class NetworkReconcilerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private DirectoryInfo _state = null!;
    private FakeWireGuardTools _tools = null!;
    private RecordingLogger<NetworkReconciler> _logger = null!;
    private string _privateKey = null!;
    private string _peerKey = null!;

    [SetUp]
    public void SetUp()
    {
        _state = Directory.CreateTempSubdirectory("faros-wg-state-");
        _tools = new FakeWireGuardTools();
        _logger = new RecordingLogger<NetworkReconciler>();
        _privateKey = TestKeys.New();
        _peerKey = TestKeys.New();
    }

    [TearDown]
    public void TearDown()
    {
        _state.Delete(recursive: true);
        _tools.Dispose();
    }

    private Network Resource(string type = "wireguard", string? privateKey = null) => new()
    {
        ApiVersion = "plugins.faros.sh/v1alpha1",
        Kind = "Network",
        Metadata = new V1ObjectMeta { Name = "wg0", NamespaceProperty = "agent-1", Generation = 2 },
        Spec = new NetworkSpec
        {
            Type = type,
            Addresses = ["10.8.0.2/24"],
            Config = new WireGuardConfig
            {
                PrivateKey = privateKey ?? _privateKey,
                ListenPort = 51820,
                Peers = [new WireGuardPeer { PublicKey = _peerKey, Endpoint = "hub.example.com:51820", AllowedIps = ["10.8.0.0/24"], PersistentKeepalive = 25 }],
            },
        },
    };

    private NetworkReconciler Reconciler(string? path, bool privileged) =>
        new(_state, new WgQuickApplier(new ExecutableLocator(path), () => privileged, _tools.SysClassNet), _logger, new FixedTime(Now));

    private string ConfigPath => Path.Combine(_state.FullName, "wg0.conf");

    [Test]
    public async Task Renders_a_wg_quick_config_readable_only_by_its_owner()
    {
        await Reconciler(path: "", privileged: false).ReconcileAsync(Resource(), CancellationToken.None);

        var text = await File.ReadAllTextAsync(ConfigPath);
        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(ConfigPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(text, Does.Contain($"[Interface]\nPrivateKey = {_privateKey}\nAddress = 10.8.0.2/24\nListenPort = 51820\n"));
            Assert.That(text, Does.Contain($"[Peer]\nPublicKey = {_peerKey}\nAllowedIPs = 10.8.0.0/24\nEndpoint = hub.example.com:51820\nPersistentKeepalive = 25\n"));
            Assert.That(File.Exists(ConfigPath + ".tmp"), Is.False);
        });
    }

    [Test]
    public async Task Without_wg_tools_reports_Applied_False_with_the_reason_and_rechecks_later()
    {
        var network = Resource();

        var result = await Reconciler(path: _tools.Root /* holds no executables */, privileged: true).ReconcileAsync(network, CancellationToken.None);

        var applied = network.Status.FindCondition(WireGuardConditions.Applied)!;
        Assert.Multiple(() =>
        {
            Assert.That(network.Status.IsConditionTrue(WireGuardConditions.Configured), Is.True);
            Assert.That(applied.Status, Is.EqualTo(ConditionStatus.False));
            Assert.That(applied.Reason, Is.EqualTo("WireGuardToolsMissing"));
            Assert.That(applied.ObservedGeneration, Is.EqualTo(2));
            Assert.That(result.RequeueAfter, Is.EqualTo(NetworkReconciler.RecheckWhenNotApplicable));
            Assert.That(network.Status.ConfigPath, Is.EqualTo(ConfigPath));
            Assert.That(network.Status.PeerCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Without_privileges_reports_Applied_False_and_runs_nothing()
    {
        var network = Resource();

        await Reconciler(_tools.Bin, privileged: false).ReconcileAsync(network, CancellationToken.None);

        Assert.That(network.Status.FindCondition(WireGuardConditions.Applied)!.Reason, Is.EqualTo("InsufficientPrivileges"));
        Assert.That(_tools.Calls, Is.Empty);
    }

    [Test]
    public async Task With_tools_and_privileges_brings_a_new_interface_up_with_wg_quick()
    {
        var network = Resource();

        var result = await Reconciler(_tools.Bin, privileged: true).ReconcileAsync(network, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(_tools.Calls, Is.EqualTo(new[] { $"wg-quick up {ConfigPath}" }));
            Assert.That(network.Status.FindCondition(WireGuardConditions.Applied)!.Reason, Is.EqualTo("InterfaceUp"));
            Assert.That(network.Status.IsConditionTrue(WireGuardConditions.Applied), Is.True);
            Assert.That(result, Is.EqualTo(ReconcileResult.Done));
        });
    }

    [Test]
    public async Task An_existing_interface_is_synced_in_place_and_the_stripped_copy_is_removed()
    {
        _tools.CreateInterface("wg0");
        var network = Resource();

        await Reconciler(_tools.Bin, privileged: true).ReconcileAsync(network, CancellationToken.None);

        var synced = await File.ReadAllTextAsync(_tools.SyncedConfig);
        Assert.Multiple(() =>
        {
            Assert.That(_tools.Calls, Is.EqualTo(new[] { $"wg-quick strip {ConfigPath}", $"wg syncconf wg0 {ConfigPath}.stripped" }));
            Assert.That(synced, Does.Contain(_peerKey).And.Not.Contain("Address"));
            Assert.That(File.Exists(ConfigPath + ".stripped"), Is.False);
            Assert.That(network.Status.FindCondition(WireGuardConditions.Applied)!.Reason, Is.EqualTo("ConfigSynced"));
        });
    }

    [Test]
    public async Task The_private_key_never_reaches_logs_or_status()
    {
        var network = Resource();

        await Reconciler(_tools.Bin, privileged: true).ReconcileAsync(network, CancellationToken.None);
        await Reconciler(path: "", privileged: false).ReconcileAsync(Resource(privateKey: _privateKey[..^2] + "!!"), CancellationToken.None);

        Assert.That(_logger.Lines, Is.Not.Empty);
        Assert.That(_logger.Lines, Has.None.Contains(_privateKey).And.None.Contains(_privateKey[..^2]));
        Assert.That(k8s.KubernetesJson.Serialize(network.Status), Does.Not.Contain(_privateKey));
    }

    [Test]
    public async Task An_invalid_key_is_reported_as_InvalidSpec_and_nothing_is_written()
    {
        var network = Resource(privateKey: "not-a-key");

        var result = await Reconciler(_tools.Bin, privileged: true).ReconcileAsync(network, CancellationToken.None);

        var configured = network.Status.FindCondition(WireGuardConditions.Configured)!;
        Assert.Multiple(() =>
        {
            Assert.That(configured.Status, Is.EqualTo(ConditionStatus.False));
            Assert.That(configured.Reason, Is.EqualTo("InvalidSpec"));
            Assert.That(configured.Message, Does.Contain("privateKey").And.Not.Contain("not-a-key"));
            Assert.That(File.Exists(ConfigPath), Is.False);
            Assert.That(_tools.Calls, Is.Empty);
            Assert.That(result, Is.EqualTo(ReconcileResult.Done));
        });
    }

    [Test]
    public async Task Networks_of_other_types_are_left_untouched()
    {
        var network = Resource(type: "vxlan");

        await Reconciler(_tools.Bin, privileged: true).ReconcileAsync(network, CancellationToken.None);

        Assert.That(network.Status.Conditions, Is.Empty);
        Assert.That(File.Exists(ConfigPath), Is.False);
    }

    [Test]
    public async Task Reapplying_an_unchanged_spec_keeps_the_condition_transition_time()
    {
        var network = Resource();
        var reconciler = Reconciler(path: "", privileged: false);
        await reconciler.ReconcileAsync(network, CancellationToken.None);
        var first = network.Status.FindCondition(WireGuardConditions.Applied)!.LastTransitionTime;

        var later = new NetworkReconciler(_state, new WgQuickApplier(new ExecutableLocator(""), () => false), _logger, new FixedTime(Now.AddHours(1)));
        await later.ReconcileAsync(network, CancellationToken.None);

        Assert.That(network.Status.FindCondition(WireGuardConditions.Applied)!.LastTransitionTime, Is.EqualTo(first));
    }
}
