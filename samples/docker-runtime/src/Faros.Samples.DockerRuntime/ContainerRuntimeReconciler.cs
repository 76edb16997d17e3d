using System.Net.Sockets;
using Faros.Sdk.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Faros.Samples.DockerRuntime;

/// <summary>
/// Reports the Docker Engine behind spec.socketPath into the ContainerRuntime's status: engine version,
/// API version and containers, with Available=True; or Available=False saying why it could not.
/// </summary>
public sealed class ContainerRuntimeReconciler(ILogger<ContainerRuntimeReconciler> logger, TimeProvider time) : Reconciler<ContainerRuntime>
{
    /// <summary>The spec.type this plugin owns.</summary>
    public const string RuntimeType = "docker";

    /// <summary>Condition type saying whether the engine answered.</summary>
    public const string AvailableCondition = "Available";

    private static readonly TimeSpan MinimumRefresh = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override async Task<ReconcileResult> ReconcileCoreAsync(ContainerRuntime resource, CancellationToken cancellationToken)
    {
        if (!string.Equals(resource.Spec.Type, RuntimeType, StringComparison.Ordinal))
        {
            return ReconcileResult.Done;
        }

        var socketPath = string.IsNullOrEmpty(resource.Spec.SocketPath) ? ContainerRuntimeSpec.DefaultSocketPath : resource.Spec.SocketPath;
        var refresh = TimeSpan.FromSeconds(resource.Spec.RefreshSeconds) < MinimumRefresh ? MinimumRefresh : TimeSpan.FromSeconds(resource.Spec.RefreshSeconds);
        var status = resource.Status;
        var generation = resource.Metadata?.Generation;

        if (!File.Exists(socketPath))
        {
            // No engine on this device is a state to report, not an error to retry fast.
            Unavailable(status, "SocketNotFound", $"No Docker socket at {socketPath}; is Docker installed and running?", generation);
            return ReconcileResult.Requeue(refresh);
        }

        try
        {
            using var engine = new DockerEngineClient(socketPath);
            var version = await engine.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            var containers = await engine.ListContainersAsync(cancellationToken).ConfigureAwait(false);
            status.EngineVersion = version.Version;
            status.ApiVersion = version.ApiVersion;
            status.Containers = containers.ToList();
            status.SetCondition(AvailableCondition, true, "EngineResponded",
                $"Docker {version.Version} with {containers.Count} containers.", generation, time.GetUtcNow());
            return ReconcileResult.Requeue(refresh);
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException or System.Text.Json.JsonException or KeyNotFoundException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Docker engine at {Socket} did not answer", socketPath);
            Unavailable(status, "EngineUnreachable", $"The Docker engine at {socketPath} did not answer: {ex.Message}", generation);
            return ReconcileResult.Retry(ex.Message);
        }
    }

    private void Unavailable(ContainerRuntimeStatus status, string reason, string message, long? generation)
    {
        status.EngineVersion = null;
        status.ApiVersion = null;
        status.Containers = [];
        status.SetCondition(AvailableCondition, false, reason, message, generation, time.GetUtcNow());
    }
}
