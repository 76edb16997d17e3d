using System.Diagnostics.Metrics;
using Faros.Sdk.Kubernetes;
using Microsoft.Extensions.Logging;

namespace Faros.Sdk;

/// <summary>What the host hands a plugin at start.</summary>
public interface IPluginContext
{
    /// <summary>The plugin's name (its package id).</summary>
    string PluginName { get; }

    /// <summary>Where this instance runs: <c>device</c> or <c>hub</c>.</summary>
    string Side { get; }

    /// <summary>
    /// Kubernetes access limited to the agent's namespace on the hub. On a device it reaches the hub through
    /// the agent's credentials; it is null when the host runs without a hub connection.
    /// </summary>
    INamespacedKubernetes? Kubernetes { get; }

    /// <summary>A directory owned by this plugin that survives restarts (device-local on a device).</summary>
    DirectoryInfo StateDirectory { get; }

    /// <summary>The plugin's configuration, already validated against the manifest's config schema.</summary>
    PluginConfiguration Configuration { get; }

    /// <summary>Creates loggers whose output the host collects.</summary>
    ILoggerFactory LoggerFactory { get; }

    /// <summary>The plugin's meter; instruments created on it are exported by the host.</summary>
    Meter Meter { get; }

    /// <summary>Reports the plugin's status into the owning Agent resource.</summary>
    IAgentStatusReporter AgentStatus { get; }

    /// <summary>The clock; tests substitute a fake one.</summary>
    TimeProvider Time { get; }
}
