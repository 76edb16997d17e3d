using System.Diagnostics;
using Faros.Operator.Controllers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Faros.Operator.LeaderElection;

/// <summary>
/// Leader election on a coordination.k8s.io Lease, as client-go's: the holder renews every retry period; others
/// take over only once they have seen the record unchanged for a whole lease duration (their own clock, so skew
/// between machines does not matter); a leader that cannot renew within the renew deadline stops leading before
/// anyone else may start. On a clean stop the leader releases the Lease so a standby takes over at once.
/// </summary>
public sealed class LeaseElector
{
    private readonly IKubernetes _client;
    private readonly LeaderElectionSettings _settings;
    private readonly ILogger _logger;
    private string? _observedVersion;
    private long _observedAt = Stopwatch.GetTimestamp();

    public LeaseElector(IKubernetes client, LeaderElectionSettings settings, ILogger logger)
    {
        _client = client;
        _settings = settings;
        _logger = logger;
    }

    /// <summary>Whether this replica leads right now.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>
    /// Competes for the Lease until <paramref name="cancellationToken"/> fires; runs <paramref name="lead"/> each
    /// time leadership is won and cancels it (waiting for it to finish) as soon as leadership is in doubt.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await TryAcquireOrRenewAsync(cancellationToken))
            {
                await Delay(_settings.RetryPeriod, cancellationToken);
                continue;
            }

            _logger.LogInformation("{Identity} became leader (Lease {Namespace}/{Name})", _settings.Identity, _settings.Namespace, _settings.Name);
            IsLeader = true;
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var work = Task.Run(() => lead(leading.Token), CancellationToken.None);
            await RenewWhileLeadingAsync(work, cancellationToken);
            await leading.CancelAsync();
            IsLeader = false;
            try
            {
                await work;
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "The work done while leading failed");
            }

            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync();
            }
            else
            {
                _logger.LogWarning("{Identity} lost leadership", _settings.Identity);
            }
        }
    }

    private async Task RenewWhileLeadingAsync(Task work, CancellationToken cancellationToken)
    {
        var lastRenewal = Stopwatch.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested && !work.IsCompleted)
        {
            await Task.WhenAny(work, Delay(_settings.RetryPeriod, cancellationToken));
            if (cancellationToken.IsCancellationRequested || work.IsCompleted)
            {
                return;
            }

            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(_settings.RenewDeadline - Stopwatch.GetElapsedTime(lastRenewal));
            if (await TryAcquireOrRenewAsync(attempt.Token))
            {
                lastRenewal = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastRenewal) >= _settings.RenewDeadline || !IsHeldByMe)
            {
                return;
            }
        }
    }

    private bool IsHeldByMe { get; set; }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = DateTime.UtcNow;
            V1Lease? lease;
            try
            {
                lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(_settings.Name, _settings.Namespace, cancellationToken: cancellationToken);
            }
            catch (Exception notFound) when (Conflicts.IsNotFound(notFound))
            {
                lease = null;
            }

            if (lease is null)
            {
                await _client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
                {
                    Metadata = new V1ObjectMeta { Name = _settings.Name, NamespaceProperty = _settings.Namespace },
                    Spec = NewSpec(now, now, 0),
                }, _settings.Namespace, cancellationToken: cancellationToken);
                return IsHeldByMe = true;
            }

            if (lease.Metadata.ResourceVersion != _observedVersion)
            {
                _observedVersion = lease.Metadata.ResourceVersion;
                _observedAt = Stopwatch.GetTimestamp();
            }

            var holder = lease.Spec?.HolderIdentity;
            var mine = holder == _settings.Identity;
            var duration = TimeSpan.FromSeconds(lease.Spec?.LeaseDurationSeconds ?? (int)_settings.LeaseDuration.TotalSeconds);
            if (!mine && !string.IsNullOrEmpty(holder) && Stopwatch.GetElapsedTime(_observedAt) < duration)
            {
                return IsHeldByMe = false;
            }

            var transitions = (lease.Spec?.LeaseTransitions ?? 0) + (mine ? 0 : 1);
            lease.Spec = NewSpec(mine ? lease.Spec?.AcquireTime ?? now : now, now, transitions);
            var updated = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _settings.Name, _settings.Namespace, cancellationToken: cancellationToken);
            _observedVersion = updated.Metadata.ResourceVersion;
            _observedAt = Stopwatch.GetTimestamp();
            return IsHeldByMe = true;
        }
        catch (Exception conflict) when (Conflicts.IsConflict(conflict))
        {
            // Another replica wrote the Lease first.
            return IsHeldByMe = false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(exception, "Reading or writing Lease {Namespace}/{Name} failed", _settings.Namespace, _settings.Name);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private V1LeaseSpec NewSpec(DateTime acquired, DateTime renewed, int transitions) => new()
    {
        HolderIdentity = _settings.Identity,
        LeaseDurationSeconds = (int)Math.Ceiling(_settings.LeaseDuration.TotalSeconds),
        AcquireTime = acquired,
        RenewTime = renewed,
        LeaseTransitions = transitions,
    };

    private async Task ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(_settings.Name, _settings.Namespace, cancellationToken: timeout.Token);
            if (lease.Spec?.HolderIdentity != _settings.Identity)
            {
                return;
            }

            // As client-go's ReleaseOnCancel: an empty holder with a one-second duration lets a standby take over at once.
            lease.Spec.HolderIdentity = null;
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = DateTime.UtcNow;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _settings.Name, _settings.Namespace, cancellationToken: timeout.Token);
            _logger.LogInformation("{Identity} released Lease {Namespace}/{Name}", _settings.Identity, _settings.Namespace, _settings.Name);
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Releasing Lease {Namespace}/{Name} failed; a standby takes over when it expires", _settings.Namespace, _settings.Name);
        }
    }

    private static Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
        Task.Delay(delay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
}
