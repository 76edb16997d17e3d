using Faros.Sdk.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Faros.Samples.WireGuard;

/// <summary>
/// Reconciles wireguard Networks: validates the spec, renders &lt;interface&gt;.conf (mode 0600) into the
/// state directory and applies it. Networks of other types belong to other plugins and are left untouched.
/// </summary>
public sealed class NetworkReconciler(DirectoryInfo stateDirectory, IWireGuardApplier applier, ILogger<NetworkReconciler> logger, TimeProvider time)
    : Reconciler<Network>
{
    /// <summary>The spec.type this plugin owns.</summary>
    public const string NetworkType = "wireguard";

    /// <summary>How soon to look again when the device lacks the tools or privileges; they may be installed later.</summary>
    public static readonly TimeSpan RecheckWhenNotApplicable = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    protected override async Task<ReconcileResult> ReconcileCoreAsync(Network resource, CancellationToken cancellationToken)
    {
        if (!string.Equals(resource.Spec.Type, NetworkType, StringComparison.Ordinal))
        {
            return ReconcileResult.Done;
        }

        var now = time.GetUtcNow();
        var generation = resource.Metadata?.Generation;
        var status = resource.Status;
        var interfaceName = string.IsNullOrEmpty(resource.Spec.Interface) ? resource.Metadata?.Name ?? "" : resource.Spec.Interface;

        if (NetworkSpecValidator.FindProblem(resource.Spec, interfaceName) is { } problem)
        {
            status.SetCondition(WireGuardConditions.Configured, false, "InvalidSpec", problem, generation, now);
            status.SetCondition(WireGuardConditions.Applied, false, "InvalidSpec", "Nothing applied: the spec is invalid.", generation, now);
            logger.LogWarning("Network {Network} is invalid: {Problem}", resource.Metadata?.Name, problem);
            return ReconcileResult.Done; // Retrying cannot fix a spec; the next edit triggers a new pass.
        }

        var configPath = Path.Combine(stateDirectory.FullName, interfaceName + ".conf");
        await SecretFile.WriteAsync(configPath, WireGuardConfigRenderer.Render(resource.Spec), cancellationToken).ConfigureAwait(false);
        status.ConfigPath = configPath;
        status.PeerCount = resource.Spec.Config.Peers.Count;
        status.SetCondition(WireGuardConditions.Configured, true, "ConfigRendered", $"Rendered {configPath}.", generation, now);
        logger.LogInformation("Rendered WireGuard config for {Interface} with {PeerCount} peers at {Path}", interfaceName, status.PeerCount, configPath);

        var outcome = await applier.ApplyAsync(interfaceName, configPath, cancellationToken).ConfigureAwait(false);
        status.SetCondition(WireGuardConditions.Applied, outcome.Applied, outcome.Reason, outcome.Message, generation, now);
        logger.LogInformation("Applying {Interface}: {Reason}", interfaceName, outcome.Reason);

        return outcome switch
        {
            { Applied: true } => ReconcileResult.Done,
            { Reason: "WireGuardToolsMissing" or "InsufficientPrivileges" } => ReconcileResult.Requeue(RecheckWhenNotApplicable),
            _ => ReconcileResult.Retry(outcome.Message),
        };
    }
}
