using System.Diagnostics.Metrics;
using Faros.Sdk.Kubernetes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faros.Sdk;

/// <summary>A plain <see cref="IPluginContext"/> for hosts and tests to fill in.</summary>
public sealed class PluginContext : IPluginContext
{
    /// <inheritdoc />
    public required string PluginName { get; init; }

    /// <inheritdoc />
    public required string Side { get; init; }

    /// <inheritdoc />
    public INamespacedKubernetes? Kubernetes { get; init; }

    /// <inheritdoc />
    public required DirectoryInfo StateDirectory { get; init; }

    /// <inheritdoc />
    public PluginConfiguration Configuration { get; init; } = PluginConfiguration.Empty;

    /// <inheritdoc />
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <inheritdoc />
    public Meter Meter { get; init; } = new("Faros.Plugin");

    /// <inheritdoc />
    public IAgentStatusReporter AgentStatus { get; init; } = DiscardingAgentStatusReporter.Instance;

    /// <inheritdoc />
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
