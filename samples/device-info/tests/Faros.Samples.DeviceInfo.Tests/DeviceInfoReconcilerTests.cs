using Faros.Sdk;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;

namespace Faros.Samples.DeviceInfo.Tests;

public sealed class DeviceInfoReconcilerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private static DeviceInfo Resource(int? intervalSeconds = null) => new()
    {
        ApiVersion = "plugins.faros.sh/v1alpha1",
        Kind = "DeviceInfo",
        Metadata = new V1ObjectMeta { Name = "self", NamespaceProperty = "agent-1", Generation = 3 },
        Spec = new DeviceInfoSpec { IntervalSeconds = intervalSeconds },
    };

    [Test]
    public async Task Writes_host_facts_and_a_Collected_condition_into_status()
    {
        using var proc = new FakeProcRoot("MemTotal: 2048 kB\nMemAvailable: 1024 kB\n", "model name : Test CPU\n");
        var reconciler = new DeviceInfoReconciler(new HostFactsReader(proc.Path), new DeviceInfoOptions(), new FixedTime(Now));
        var resource = Resource();

        await reconciler.ReconcileAsync(resource, CancellationToken.None);

        var collected = resource.Status.FindCondition(DeviceInfoReconciler.CollectedCondition);
        Assert.Multiple(() =>
        {
            Assert.That(resource.Status.Host!.MemoryTotalBytes, Is.EqualTo(2048 * 1024));
            Assert.That(resource.Status.Host.CpuModel, Is.EqualTo("Test CPU"));
            Assert.That(resource.Status.CollectedAt, Is.EqualTo(Now));
            Assert.That(collected!.Status, Is.EqualTo(ConditionStatus.True));
            Assert.That(collected.ObservedGeneration, Is.EqualTo(3));
            Assert.That(resource.Status.ObservedGeneration, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Requeues_after_the_spec_interval_else_the_configured_default_never_below_the_minimum()
    {
        var reconciler = new DeviceInfoReconciler(new HostFactsReader(), new DeviceInfoOptions { DefaultIntervalSeconds = 45 }, new FixedTime(Now));

        var fromSpec = await reconciler.ReconcileAsync(Resource(intervalSeconds: 120), CancellationToken.None);
        var fromConfig = await reconciler.ReconcileAsync(Resource(), CancellationToken.None);
        var clamped = await reconciler.ReconcileAsync(Resource(intervalSeconds: 1), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(fromSpec.RequeueAfter, Is.EqualTo(TimeSpan.FromSeconds(120)));
            Assert.That(fromConfig.RequeueAfter, Is.EqualTo(TimeSpan.FromSeconds(45)));
            Assert.That(clamped.RequeueAfter, Is.EqualTo(DeviceInfoReconciler.MinimumInterval));
        });
    }

    [Test]
    public async Task The_plugin_binds_its_config_and_serves_the_DeviceInfo_kind_through_the_host_interfaces()
    {
        IFarosPlugin plugin = new DeviceInfoPlugin();
        var state = Directory.CreateTempSubdirectory("faros-state-");
        try
        {
            await plugin.StartAsync(new PluginContext
            {
                PluginName = "Faros.Samples.DeviceInfo",
                Side = "device",
                StateDirectory = state,
                Configuration = PluginConfiguration.Parse("""{"defaultIntervalSeconds": 20}"""),
                Time = new FixedTime(Now),
            }, CancellationToken.None);

            var reconciler = plugin.Reconcilers.Single();
            IKubernetesObject<V1ObjectMeta> resource = Resource();
            var result = await reconciler.ReconcileAsync(resource, CancellationToken.None);

            Assert.Multiple(() =>
            {
                Assert.That(reconciler.Kind, Is.EqualTo(new ResourceKind("plugins.faros.sh", "v1alpha1", "DeviceInfo", "deviceinfos")));
                Assert.That(result.RequeueAfter, Is.EqualTo(TimeSpan.FromSeconds(20)));
                Assert.That(((DeviceInfo)resource).Status.IsConditionTrue(DeviceInfoReconciler.CollectedCondition), Is.True);
            });
            await plugin.StopAsync(CancellationToken.None);
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    [Test]
    public void Status_round_trips_through_the_kubernetes_serializer_in_camelCase()
    {
        var resource = Resource();
        resource.Status.Host = new HostFacts("Linux", "x64", 2, "cpu", 1, 1, [new DiskFacts("/", "ext4", 10, 5)]);

        var json = KubernetesJson.Serialize(resource);
        var back = KubernetesJson.Deserialize<DeviceInfo>(json);

        Assert.That(json, Does.Contain("\"memoryTotalBytes\":1").And.Contain("\"mountPoint\":\"/\""));
        Assert.That(back.Status.Host!.Disks.Single().FileSystem, Is.EqualTo("ext4"));
    }
}
