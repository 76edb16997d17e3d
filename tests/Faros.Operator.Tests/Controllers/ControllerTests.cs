using System.Collections.Concurrent;
using Faros.Api.Core;
using Faros.Api.Kubernetes;
using Faros.Operator.Controllers;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faros.Operator.Tests.Controllers;

/// <summary>The controller machinery against the real API server: list+watch, queue, workers, status writes, conflicts, backoff.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ControllerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Listed_and_watched_objects_are_reconciled_and_status_follows_the_generation()
    {
        await using var run = await ControllerRun.StartAsync("ctl-basic", new RecordingReconciler(), createFirst: "before");
        await run.Clusters.CreateAsync(NewCluster(run.Namespace, "after"));

        foreach (var name in new[] { "before", "after" })
        {
            await ReadyAtAsync(run, name, generation: 1);
        }

        var after = await run.Clusters.GetAsync(run.Namespace, "after");
        after.Spec.DisplayName = "renamed";
        await run.Clusters.ReplaceAsync(after);
        await ReadyAtAsync(run, "after", generation: 2);
        Assert.That(run.Controller.Watcher.Lists, Is.EqualTo(1));
    }

    [Test]
    public async Task Watches_end_on_a_bounded_timeout_and_resume_from_the_last_version_without_listing()
    {
        await using var run = await ControllerRun.StartAsync("ctl-resume", new RecordingReconciler(), watchTimeout: TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => run.Controller.Watcher.Watches >= 3, Patience, "three watches, each ended by its timeout");
        await run.Clusters.CreateAsync(NewCluster(run.Namespace, "late"));
        await ReadyAtAsync(run, "late", generation: 1);
        Assert.That(run.Controller.Watcher.Lists, Is.EqualTo(1), "resuming must not list again");
    }

    [Test]
    public async Task An_expired_resource_version_is_answered_410_and_the_watcher_lists_again()
    {
        using var client = OperatorTestEnvironment.NewClient();
        var ns = await OperatorTestEnvironment.CreateNamespaceAsync(client, "ctl-gone");
        var clusters = new ResourceClient<Cluster>(client);
        await clusters.CreateAsync(NewCluster(ns, "existing"));
        var watcher = new ResourceWatcher<Cluster>(clusters, new WatchSettings(ns, TimeSpan.FromSeconds(30)), NullLogger.Instance);
        watcher.ResumeFrom("1");
        using var stop = new CancellationTokenSource();
        var running = watcher.RunAsync(stop.Token);

        await Eventually.HoldsAsync(() => watcher.Find(new ObjectKey(ns, "existing")) is not null, Patience, "the object listed after 410 Gone");
        Assert.That(watcher.Lists, Is.EqualTo(1));
        await stop.CancelAsync();
        await running;
    }

    [Test]
    public async Task A_failing_key_is_retried_with_growing_backoff_until_it_succeeds()
    {
        var reconciler = new RecordingReconciler();
        var failuresLeft = 4;
        reconciler.OnReconcile = (cluster, _) => Task.FromResult(
            cluster.Metadata.Name == "flaky" && Interlocked.Decrement(ref failuresLeft) >= 0 ? ReconcileResult.Retry("registry down") : null);
        await using var run = await ControllerRun.StartAsync("ctl-backoff", reconciler);
        await run.Clusters.CreateAsync(NewCluster(run.Namespace, "flaky"));

        await ReadyAtAsync(run, "flaky", generation: 1);
        var times = reconciler.Passes.Where(p => p.Name == "flaky").Select(p => p.At).ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).Take(4).ToList();
        Assert.That(gaps, Has.Count.EqualTo(4));
        Assert.Multiple(() =>
        {
            // 100 ms doubling: 100, 200, 400, 800 (timers may fire a few milliseconds early).
            Assert.That(gaps[0], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(80)));
            Assert.That(gaps[3], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(750)));
            Assert.That(gaps[3], Is.GreaterThan(gaps[1]));
        });
    }

    [Test]
    public async Task A_status_write_that_conflicts_rereads_and_reconciles_the_current_object()
    {
        var reconciler = new RecordingReconciler();
        var raced = 0;
        ResourceClient<Cluster>? clusters = null;
        reconciler.OnReconcile = async (cluster, ct) =>
        {
            if (Interlocked.Exchange(ref raced, 1) == 0)
            {
                // Another writer changes the object between the controller's read and its status write.
                await clusters!.MergePatchAsync(cluster.Metadata.NamespaceProperty, cluster.Metadata.Name, """{"metadata":{"labels":{"raced":"yes"}}}""", ct);
            }

            return null;
        };
        await using var run = await ControllerRun.StartAsync("ctl-conflict", reconciler);
        clusters = run.Clusters;
        await run.Clusters.CreateAsync(NewCluster(run.Namespace, "contended"));

        var ready = await ReadyAtAsync(run, "contended", generation: 1);
        Assert.That(ready.Metadata.Labels["raced"], Is.EqualTo("yes"));
        Assert.That(reconciler.PassesFor("contended"), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task Workers_run_different_keys_in_parallel_but_one_key_never_twice_at_once()
    {
        var reconciler = new RecordingReconciler();
        var running = 0;
        var maxRunning = 0;
        var perKey = new ConcurrentDictionary<string, int>();
        var keyOverlap = 0;
        reconciler.OnReconcile = async (cluster, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            if (perKey.AddOrUpdate(cluster.Metadata.Name, 1, (_, n) => n + 1) > 1)
            {
                Interlocked.Exchange(ref keyOverlap, 1);
            }

            await Task.Delay(300, ct);
            perKey.AddOrUpdate(cluster.Metadata.Name, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref running);
            return null;
        };
        await using var run = await ControllerRun.StartAsync("ctl-workers", reconciler, workers: 3);
        for (var i = 0; i < 6; i++)
        {
            await run.Clusters.CreateAsync(NewCluster(run.Namespace, $"c{i}"));
        }

        // Changes to one key while it is being reconciled queue it again instead of running it twice.
        for (var i = 0; i < 5; i++)
        {
            await run.Clusters.MergePatchAsync(run.Namespace, "c0", "{\"metadata\":{\"labels\":{\"touch\":\"" + i + "\"}}}");
        }

        for (var i = 0; i < 6; i++)
        {
            await ReadyAtAsync(run, $"c{i}", generation: 1);
        }

        Assert.Multiple(() =>
        {
            Assert.That(maxRunning, Is.EqualTo(3), "three workers, six keys");
            Assert.That(keyOverlap, Is.Zero, "one key reconciled by two workers at once");
        });
    }

    private static async Task<Cluster> ReadyAtAsync(ControllerRun run, string name, long generation) =>
        await Eventually.GetAsync(
            () => run.Clusters.GetAsync(run.Namespace, name),
            c => c.Status.ObservedGeneration == generation && c.Status.IsConditionTrue("Ready") && c.Status.FindCondition("Ready")!.ObservedGeneration == generation,
            Patience, $"{name} Ready at generation {generation}");

    internal static Cluster NewCluster(string ns, string name) => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns } };

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    /// <summary>A controller running over one test namespace.</summary>
    private sealed class ControllerRun : IAsyncDisposable
    {
        private readonly Kubernetes _client;
        private readonly CancellationTokenSource _stop = new();
        private Task _running = Task.CompletedTask;

        private ControllerRun(Kubernetes client, string ns, Controller<Cluster> controller)
        {
            _client = client;
            Namespace = ns;
            Controller = controller;
            Clusters = new ResourceClient<Cluster>(client);
        }

        public string Namespace { get; }

        public Controller<Cluster> Controller { get; }

        public ResourceClient<Cluster> Clusters { get; }

        public static async Task<ControllerRun> StartAsync(string prefix, RecordingReconciler reconciler, string? createFirst = null, int workers = 2, TimeSpan? watchTimeout = null)
        {
            var client = OperatorTestEnvironment.NewClient();
            var ns = await OperatorTestEnvironment.CreateNamespaceAsync(client, prefix);
            if (createFirst is not null)
            {
                await new ResourceClient<Cluster>(client).CreateAsync(NewCluster(ns, createFirst));
            }

            var settings = new ControllerSettings(workers, new WatchSettings(ns, watchTimeout ?? TimeSpan.FromSeconds(60)), new ExponentialBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5)));
            var run = new ControllerRun(client, ns, new Controller<Cluster>(new ResourceClient<Cluster>(client), reconciler, settings, NullLogger.Instance));
            run._running = run.Controller.RunAsync(run._stop.Token);
            return run;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running;
            _stop.Dispose();
            _client.Dispose();
        }
    }
}
