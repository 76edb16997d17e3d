using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Faros.Sdk.Reconciliation;

/// <summary>
/// Runs one reconciler for the host: turns exceptions into failures, counts failures per resource and
/// schedules retries with exponential backoff, resetting after a success.
/// </summary>
public sealed class ReconcileRunner
{
    private readonly IReconciler _reconciler;
    private readonly ExponentialBackoff _backoff;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    /// <summary>Creates a runner for <paramref name="reconciler"/>.</summary>
    public ReconcileRunner(IReconciler reconciler, ExponentialBackoff backoff, ILogger logger)
    {
        _reconciler = reconciler ?? throw new ArgumentNullException(nameof(reconciler));
        _backoff = backoff ?? throw new ArgumentNullException(nameof(backoff));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Runs one pass over <paramref name="resource"/>.</summary>
    public async Task<ReconcileOutcome> RunAsync(IKubernetesObject<V1ObjectMeta> resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var key = $"{resource.Metadata?.NamespaceProperty}/{resource.Metadata?.Name}";
        ReconcileResult result;
        try
        {
            result = await _reconciler.ReconcileAsync(resource, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Reconciling {Kind} {Key} threw", _reconciler.Kind, key);
            result = ReconcileResult.Retry($"{ex.GetType().Name}: {ex.Message}");
        }

        if (!result.Failed)
        {
            _failures.TryRemove(key, out _);
            return new ReconcileOutcome(result, result.RequeueAfter, 0);
        }

        var failures = _failures.AddOrUpdate(key, 1, (_, n) => n + 1);
        return new ReconcileOutcome(result, _backoff.DelayAfter(failures), failures);
    }
}
