using System.Text.Json.Nodes;
using Faros.Api.Kubernetes;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Faros.Operator.Controllers;

/// <summary>
/// Runs one reconciler: a <see cref="ResourceWatcher{T}"/> feeds a de-duplicating <see cref="WorkQueue{TKey}"/>
/// drained by N workers; each pass works on a copy of the cached object, and a changed status is written through
/// the status subresource. A 409 re-reads and reconciles again at once; a failure retries with per-key backoff.
/// </summary>
public sealed class Controller<T> : IController
    where T : class, IKubernetesObject<V1ObjectMeta>, IHasResourceStatus
{
    private readonly ResourceClient<T> _resources;
    private readonly Reconciler<T> _reconciler;
    private readonly ControllerSettings _settings;
    private readonly ILogger _logger;
    private readonly ReconcileRunner _runner;
    private long _reconciles;
    private long _statusWrites;

    /// <param name="queue">A queue shared with watchers of related objects; a new one when null.</param>
    public Controller(ResourceClient<T> resources, Reconciler<T> reconciler, ControllerSettings settings, ILogger logger, WorkQueue<ObjectKey>? queue = null)
    {
        Queue = queue ?? new WorkQueue<ObjectKey>();
        _resources = resources;
        _reconciler = reconciler;
        _settings = settings;
        _logger = logger;
        _runner = new ReconcileRunner(reconciler, settings.Backoff, logger);
        Watcher = new ResourceWatcher<T>(resources, settings.Watch, logger);
    }

    /// <summary>The watcher and cache of <typeparamref name="T"/>.</summary>
    public ResourceWatcher<T> Watcher { get; }

    /// <inheritdoc />
    public ResourceKind Kind => _resources.Kind;

    /// <summary>Reconcile passes run so far.</summary>
    public long Reconciles => Interlocked.Read(ref _reconciles);

    /// <summary>Status subresource writes so far.</summary>
    public long StatusWrites => Interlocked.Read(ref _statusWrites);

    /// <summary>The queue; other watchers add keys to it when something the reconciler reads changes.</summary>
    public WorkQueue<ObjectKey> Queue { get; }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Watcher.Changed += Queue.Add;
        try
        {
            var watching = Watcher.RunAsync(cancellationToken);
            await Task.WhenAny(Watcher.Synced, watching);
            var workers = Enumerable.Range(0, _settings.Workers).Select(_ => WorkAsync(cancellationToken)).ToList();
            _logger.LogInformation("Controller for {Kind} started with {Workers} workers", Kind, _settings.Workers);
            await Task.WhenAll(workers.Append(watching));
        }
        finally
        {
            Watcher.Changed -= Queue.Add;
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ObjectKey key;
            try
            {
                key = await Queue.TakeAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await ProcessAsync(key, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // ReconcileRunner turns reconciler exceptions into retries; this is the status write failing.
                _logger.LogWarning(exception, "Writing status of {Kind} {Key} failed; retrying", Kind, key);
                Queue.AddAfter(key, _settings.Backoff.Initial);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ProcessAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var cached = Watcher.Find(key);
        if (cached is null)
        {
            return;
        }

        // The reconciler may change the object; the cache keeps what the server said.
        var resource = KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(cached));
        var statusBefore = StatusOf(resource);
        Interlocked.Increment(ref _reconciles);
        var outcome = await _runner.RunAsync(resource, cancellationToken);
        if (outcome.Result.Failed)
        {
            _logger.LogInformation("Reconciling {Kind} {Key} failed ({Failures} in a row): {Error}; retrying in {Delay}",
                Kind, key, outcome.ConsecutiveFailures, outcome.Result.Error, outcome.NextRunIn);
        }

        if (!JsonNode.DeepEquals(statusBefore, StatusOf(resource)))
        {
            try
            {
                Interlocked.Increment(ref _statusWrites);
                Watcher.Remember(await _resources.ReplaceStatusAsync(resource, cancellationToken));
            }
            catch (Exception conflict) when (Conflicts.IsConflict(conflict))
            {
                // Someone changed the object since it was read: reconcile the fresh object, not a failure.
                _logger.LogDebug("Status of {Kind} {Key} conflicted; reconciling the current object", Kind, key);
                if (await _resources.FindAsync(key.Namespace, key.Name, cancellationToken) is { } fresh)
                {
                    Watcher.Remember(fresh);
                }

                Queue.Add(key);
                return;
            }
            catch (Exception gone) when (Conflicts.IsNotFound(gone))
            {
                return;
            }
        }

        if (outcome.NextRunIn is { } next)
        {
            Queue.AddAfter(key, next);
        }
    }

    private static JsonNode? StatusOf(T resource) => JsonNode.Parse(KubernetesJson.Serialize(resource.CurrentStatus));
}
