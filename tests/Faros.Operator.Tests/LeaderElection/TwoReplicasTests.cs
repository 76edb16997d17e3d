using Faros.Api.Core;
using Faros.Api.Kubernetes;
using Faros.Operator.Controllers;
using Faros.Operator.Hosting;
using Faros.Operator.Tests.Controllers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Faros.Operator.Tests.LeaderElection;

/// <summary>Two operator replicas on one Lease: exactly one reconciles, and the other takes over when it stops.</summary>
[TestFixture]
public sealed class TwoReplicasTests
{
    [Test]
    public async Task Only_the_leader_reconciles_and_the_standby_takes_over_when_it_stops()
    {
        using var client = OperatorTestEnvironment.NewClient();
        var ns = await OperatorTestEnvironment.CreateNamespaceAsync(client, "election");
        var clusters = new ResourceClient<Cluster>(client);
        var a = new Replica("replica-a", ns);
        var b = new Replica("replica-b", ns);
        await a.Host.StartAsync();
        await b.Host.StartAsync();
        try
        {
            await Eventually.HoldsAsync(() => a.IsLeading || b.IsLeading, TimeSpan.FromSeconds(15), "one replica leads");
            var (leader, standby) = a.IsLeading ? (a, b) : (b, a);
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync("faros-operator", ns);
            Assert.That(lease.Spec.HolderIdentity, Is.EqualTo(leader.Identity));

            await clusters.CreateAsync(ControllerTests.NewCluster(ns, "first"));
            await Eventually.HoldsAsync(() => leader.Reconciler.PassesFor("first") > 0, TimeSpan.FromSeconds(15), "the leader reconciles");
            await SampleNeverBothAsync(a, b, TimeSpan.FromSeconds(2));
            Assert.That(standby.Reconciler.Passes, Is.Empty, "the standby must not reconcile");

            await leader.Host.StopAsync();
            await Eventually.HoldsAsync(() => standby.IsLeading, TimeSpan.FromSeconds(15), "the standby takes over");
            await clusters.CreateAsync(ControllerTests.NewCluster(ns, "second"));
            await Eventually.HoldsAsync(() => standby.Reconciler.PassesFor("second") > 0, TimeSpan.FromSeconds(15), "the new leader reconciles");
            Assert.That(leader.Reconciler.PassesFor("second"), Is.Zero, "a stopped replica must not reconcile");
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }

    [Test]
    public async Task A_leader_that_loses_its_Lease_stops_reconciling_before_anyone_else_starts()
    {
        using var client = OperatorTestEnvironment.NewClient();
        var ns = await OperatorTestEnvironment.CreateNamespaceAsync(client, "election-lost");
        var a = new Replica("replica-a", ns);
        await a.Host.StartAsync();
        try
        {
            await Eventually.HoldsAsync(() => a.IsLeading, TimeSpan.FromSeconds(15), "the only replica leads");

            // Someone else takes the Lease over (as after a network partition): the replica must step down.
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync("faros-operator", ns);
            lease.Spec.HolderIdentity = "intruder";
            lease.Spec.LeaseDurationSeconds = 3600;
            lease.Spec.RenewTime = DateTime.UtcNow;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "faros-operator", ns);

            await Eventually.HoldsAsync(() => !a.IsLeading, TimeSpan.FromSeconds(10), "the replica steps down");
            var passes = a.Reconciler.Passes.Count;
            await new ResourceClient<Cluster>(client).CreateAsync(ControllerTests.NewCluster(ns, "while-not-leading"));
            await Task.Delay(1500);
            Assert.That(a.Reconciler.Passes, Has.Count.EqualTo(passes), "no reconcile without the Lease");
        }
        finally
        {
            await a.DisposeAsync();
        }
    }

    private static async Task SampleNeverBothAsync(Replica a, Replica b, TimeSpan duration)
    {
        var until = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < until)
        {
            Assert.That(a.IsLeading && b.IsLeading, Is.False, "both replicas lead at once");
            await Task.Delay(20);
        }
    }

    /// <summary>One operator host with a recording controller over Clusters in the test namespace.</summary>
    private sealed class Replica : IAsyncDisposable
    {
        public Replica(string identity, string ns)
        {
            Identity = identity;
            Host = OperatorHost.Build(
            [
                "--kubeconfig", OperatorTestEnvironment.Server.KubeconfigPath,
                "--Operator:Namespace", ns, "--Operator:LeaseNamespace", ns, "--Operator:Identity", identity,
                "--Operator:LeaseDurationSeconds", "3", "--Operator:RenewDeadlineSeconds", "2", "--Operator:RetryPeriodSeconds", "0.5",
                "--Operator:InitialBackoffSeconds", "0.1",
            ], builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Services.AddSingleton<IController>(services => new Controller<Cluster>(
                    new ResourceClient<Cluster>(services.GetRequiredService<IKubernetes>()), Reconciler,
                    services.GetRequiredService<ControllerSettings>(), services.GetRequiredService<ILogger<Replica>>()));
            });
        }

        public string Identity { get; }

        public IHost Host { get; }

        public RecordingReconciler Reconciler { get; } = new();

        public bool IsLeading => Host.Services.GetRequiredService<OperatorService>().IsLeading;

        public async ValueTask DisposeAsync()
        {
            await Host.StopAsync();
            Host.Dispose();
        }
    }
}
