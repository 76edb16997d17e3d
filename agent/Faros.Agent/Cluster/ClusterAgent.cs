using System.Net;
using System.Reflection;
using Faros.Api.Core;
using Faros.Sdk.Reconciliation;
using k8s.Autorest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Faros.Agent.Cluster;

/// <summary>
/// The agent of a managed cluster: on every heartbeat it writes status.lastHeartbeat, its version and what it learnt
/// about the cluster it runs in onto its core.faros.sh Agent on the hub; the operator's Cluster reconciler reads that
/// heartbeat to hold the Cluster Ready (and turns it Failed when it stops). The core Agent belongs to the operator:
/// the agent never creates it, and when it is missing (the Cluster deleted) the agent says so and keeps retrying.
/// </summary>
public sealed class ClusterAgent : BackgroundService
{
    private static readonly string Version = typeof(ClusterAgent).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    private readonly AgentOptions _options;
    private readonly HubConnection _hub;
    private readonly TargetCluster _target;
    private readonly HubTokenRefresh _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger<ClusterAgent> _logger;

    private DateTimeOffset _nextTokenCheck = DateTimeOffset.MinValue;

    public ClusterAgent(AgentOptions options, HubConnection hub, TargetCluster target, HubTokenRefresh tokens, ILogger<ClusterAgent> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ClusterModeOptions.Validate(options);
        _options = options;
        _hub = hub;
        _target = target;
        _tokens = tokens;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.LogInformation("Cluster agent {Version} heartbeating core Agent {Namespace}/{Name} every {Interval}", Version, _options.Namespace, _options.Name, _options.HeartbeatInterval);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var agent = await HeartbeatAsync(stoppingToken).ConfigureAwait(false);
                await RefreshTokenWhenDueAsync(agent, stoppingToken).ConfigureAwait(false);
                if (failures > 0)
                {
                    _logger.LogInformation("Heartbeat to the hub restored after {Failures} failure(s)", failures);
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (HttpOperationException refused) when (refused.Response.StatusCode == HttpStatusCode.Unauthorized && _hub.ReloadIfChanged())
            {
                _logger.LogInformation("The hub refused the token and the hub kubeconfig {Kubeconfig} changed: using the new one", _options.Kubeconfig);
                continue;
            }
            catch (Exception ex)
            {
                failures++;
                _logger.LogWarning("Heartbeat of core Agent {Namespace}/{Name} failed ({Error}); retrying in {Delay}",
                    _options.Namespace, _options.Name, Describe(ex), NextDelay(failures));
            }

            try
            {
                await Task.Delay(NextDelay(failures), _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>After failures, back off, but never past the heartbeat interval: a heartbeat that gets through in time keeps the Cluster Ready.</summary>
    private TimeSpan NextDelay(int failures)
    {
        var backoff = failures > 0 ? _options.HubBackoff.DelayAfter(failures) : _options.HeartbeatInterval;
        return backoff < _options.HeartbeatInterval ? backoff : _options.HeartbeatInterval;
    }

    /// <summary>One heartbeat: probe the cluster, then write the status (once more on a conflict with the operator).</summary>
    private async Task<CoreAgent> HeartbeatAsync(CancellationToken cancellationToken)
    {
        var (reachable, reason, message) = await _target.ProbeAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var agent = await _hub.Agents.GetAsync(_options.Namespace, _options.Name, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            agent.Status.LastHeartbeat = now.UtcDateTime;
            agent.Status.AgentVersion = Version;
            agent.Status.ObservedGeneration = agent.Metadata.Generation;
            agent.Status.Conditions.SetCondition(CoreAgentConditions.TargetReachable,
                reachable switch { true => ConditionStatus.True, false => ConditionStatus.False, null => ConditionStatus.Unknown },
                reason, message, agent.Metadata.Generation, now);
            try
            {
                return await _hub.Agents.ReplaceStatusAsync(agent, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict && attempt < 3)
            {
                // Someone else wrote the Agent between our read and write: read it again.
            }
        }
    }

    /// <summary>At start and then every <see cref="HubTokenRefresh.Interval"/>; a failure is logged and never stops the heartbeat.</summary>
    private async Task RefreshTokenWhenDueAsync(CoreAgent agent, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now < _nextTokenCheck)
        {
            return;
        }

        try
        {
            await _tokens.RefreshAsync(agent, cancellationToken).ConfigureAwait(false);
            _nextTokenCheck = now + HubTokenRefresh.Interval;
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Retried at the next heartbeat: the current token may still be valid for days.
            _logger.LogWarning("Keeping the hub token current failed ({Error}); retrying at the next heartbeat", failure.Message);
        }
    }

    /// <summary>The failures a user can act on, said plainly.</summary>
    private string Describe(Exception failure) => failure is HttpOperationException http
        ? http.Response.StatusCode switch
        {
            HttpStatusCode.NotFound => $"the hub has no core Agent {_options.Namespace}/{_options.Name}: was the Cluster deleted? Re-run `kubectl faros clusters init {_options.Name}` and apply its manifest",
            HttpStatusCode.Unauthorized => "the hub refused the token (expired, or the Cluster's token Secret was deleted): re-apply the manifest from `kubectl faros clusters init`; the agent reloads its hub kubeconfig when it changes",
            HttpStatusCode.Forbidden => $"the hub forbids it ({http.Response.Content}); the operator's Role for this cluster may predate this agent: update the operator",
            var code => $"HTTP {(int)code}: {http.Response.Content}",
        }
        : failure.Message;
}
