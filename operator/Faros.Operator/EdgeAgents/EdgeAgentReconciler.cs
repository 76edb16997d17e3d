using Faros.Api.Edge;
using Faros.Operator.PluginCatalog;
using Faros.Sdk.Reconciliation;
using Microsoft.Extensions.Logging;
using Reasons = Faros.Api.Edge.EdgeAgentConditions.Reasons;

namespace Faros.Operator.EdgeAgents;

/// <summary>
/// Pins every plugin reference of an edge Agent (version, digest, download URL, signer) in its status and
/// reports whether the device is connected. An unreachable registry keeps the last pins and makes
/// PluginsResolved Unknown; resolved references are checked again every re-resolve interval.
/// </summary>
public sealed class EdgeAgentReconciler : Reconciler<EdgeAgent>
{
    private static readonly HashSet<string> DevicePhases = [PluginPhases.Installing, PluginPhases.Running, PluginPhases.Failed];
    private readonly AgentLeases _leases;
    private readonly PluginResolver _resolver;
    private readonly PluginCrdInstaller _crds;
    private readonly EdgeAgentSettings _settings;
    private readonly ILogger<EdgeAgentReconciler> _logger;

    public EdgeAgentReconciler(AgentLeases leases, PluginResolver resolver, PluginCrdInstaller crds, EdgeAgentSettings settings, ILogger<EdgeAgentReconciler> logger)
    {
        _leases = leases;
        _resolver = resolver;
        _crds = crds;
        _settings = settings;
        _logger = logger;
    }

    protected override async Task<ReconcileResult> ReconcileCoreAsync(EdgeAgent agent, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var generation = agent.Metadata.Generation;
        var ns = agent.Metadata.NamespaceProperty;
        var lease = await _leases.FindAsync(ns, agent.Metadata.Name, cancellationToken);
        var connection = AgentConnection.Of(lease, ns, agent.Metadata.Name, _settings.PollWhileDisconnected, now);
        agent.Status.Conditions.SetCondition(EdgeAgentConditions.Connected, connection.Status, connection.Reason, connection.Message, generation, now);
        agent.Status.LastHeartbeat = connection.LastHeartbeat ?? agent.Status.LastHeartbeat;
        var recheck = connection.RecheckIn < _settings.ReResolveInterval ? connection.RecheckIn : _settings.ReResolveInterval;

        List<PluginResolution> resolutions;
        try
        {
            resolutions = [];
            foreach (var reference in agent.Spec.Plugins)
            {
                resolutions.Add(await _resolver.ResolveAsync(reference, cancellationToken));
            }
        }
        catch (RegistryUnavailableException unavailable)
        {
            // Devices keep running what was pinned; only entries no longer in spec go.
            var names = agent.Spec.Plugins.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            agent.Status.Plugins = agent.Status.Plugins.Where(p => names.Contains(p.Name)).ToList();
            agent.Status.Conditions.SetCondition(EdgeAgentConditions.PluginsResolved, ConditionStatus.Unknown, Reasons.RegistryUnavailable,
                $"{unavailable.Message} Keeping the last resolution.", generation, now);
            return ReconcileResult.Retry(unavailable.Message);
        }

        var previous = agent.Status.Plugins.ToDictionary(p => p.Name, StringComparer.Ordinal);
        agent.Status.Plugins = resolutions.Select(r => KeepDevicePhase(r.Status, previous.GetValueOrDefault(r.Status.Name))).ToList();
        var failures = resolutions.Where(r => !r.Resolved).ToList();
        if (failures.Count == 0)
        {
            agent.Status.Conditions.SetCondition(EdgeAgentConditions.PluginsResolved, ConditionStatus.True, Reasons.Resolved,
                resolutions.Count == 0 ? "the agent references no plugins." : $"{resolutions.Count} plugin(s) pinned.", generation, now);
        }
        else
        {
            _logger.LogInformation("Agent {Namespace}/{Name}: {Count} plugin reference(s) unresolved, first {Reason}", agent.Metadata.NamespaceProperty, agent.Metadata.Name, failures.Count, failures[0].FailureReason);
            agent.Status.Conditions.SetCondition(EdgeAgentConditions.PluginsResolved, ConditionStatus.False, failures[0].FailureReason!,
                string.Join(" ", failures.Select(f => $"{f.Status.Name}: {f.Status.Message}")), generation, now);
        }

        var verification = PluginVerification.Of(resolutions);
        agent.Status.Conditions.SetCondition(EdgeAgentConditions.PluginsVerified, verification.Status, verification.Reason, verification.Message, generation, now);

        var installed = await InstallCrdsAsync(agent, resolutions.Where(r => r.Resolved).Select(r => r.Status), generation, now, cancellationToken);
        return installed ? ReconcileResult.Requeue(recheck) : ReconcileResult.Retry("installing plugin CRDs failed");
    }

    /// <summary>
    /// Whether a change of these registry packages can change the Agent's pins: a reference names one of them as its
    /// package, or has no package and would find one of them by name in the catalog (as the resolver does).
    /// </summary>
    public static bool References(EdgeAgent agent, PackageChanges changes) =>
        agent.Spec.Plugins.Any(reference => string.IsNullOrWhiteSpace(reference.Package)
            ? changes.Everything || changes.Ids.Any(id => CatalogNames.Matches(id, reference.Name))
            : changes.Includes(reference.Package));

    /// <summary>Installs the CRDs of every pinned package (once per version); false when it should be retried.</summary>
    private async Task<bool> InstallCrdsAsync(EdgeAgent agent, IEnumerable<PluginStatus> pinned, long? generation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rejected = new List<string>();
        foreach (var plugin in pinned)
        {
            try
            {
                await _crds.EnsureAsync(plugin, cancellationToken);
            }
            catch (PluginCrdException refused)
            {
                rejected.Add(refused.Message);
            }
            catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or k8s.Autorest.HttpOperationException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                agent.Status.Conditions.SetCondition(EdgeAgentConditions.CrdsInstalled, ConditionStatus.Unknown, Reasons.InstallFailed,
                    $"installing the CRDs of {plugin.Package} {plugin.Version} failed: {failure.Message}", generation, now);
                return false;
            }
        }

        if (rejected.Count > 0)
        {
            agent.Status.Conditions.SetCondition(EdgeAgentConditions.CrdsInstalled, ConditionStatus.False, Reasons.CrdRejected, string.Join(" ", rejected), generation, now);
        }
        else
        {
            agent.Status.Conditions.SetCondition(EdgeAgentConditions.CrdsInstalled, ConditionStatus.True, Reasons.Installed, "the CRDs of every pinned plugin are installed.", generation, now);
        }

        return true;
    }

    /// <summary>The device reports install progress in the same entry; a pin that did not change keeps it.</summary>
    private static PluginStatus KeepDevicePhase(PluginStatus resolved, PluginStatus? previous)
    {
        if (previous is not null && resolved.Digest is not null && previous.Digest == resolved.Digest && previous.Phase is { } phase && DevicePhases.Contains(phase))
        {
            resolved.Phase = previous.Phase;
            resolved.Message = previous.Message;
        }

        return resolved;
    }
}
