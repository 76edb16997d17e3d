using Faros.PluginHost.Fetching;
using Faros.Sdk.Kubernetes;
using Faros.Sdk.Manifest;
using Faros.Sdk.Reconciliation;

namespace Faros.PluginHost.Supervision;

/// <summary>Settings of <see cref="HostedPlugins"/>; checked by <see cref="Validate"/> when the host starts.</summary>
public sealed record PluginHostOptions
{
    /// <summary>Where verified packages are kept (survives restarts; see docs/agent.md for the layout).</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>Parent of each plugin's state directory (<c>{StateDirectory}/{id}</c>).</summary>
    public required string StateDirectory { get; init; }

    /// <summary><c>device</c> (agent) or <c>hub</c> (operator); plugins for the other side are refused.</summary>
    public string Side { get; init; } = PluginSides.Device;

    /// <summary>The registry's service index, used when a plugin comes without a download URL.</summary>
    public Uri? ServiceIndex { get; init; }

    /// <summary>Kubernetes access handed to plugins (null without a hub connection).</summary>
    public INamespacedKubernetes? Kubernetes { get; init; }

    /// <summary>Upper bound of the cache; least recently used packages not in use are evicted beyond it.</summary>
    public long CacheSizeLimitBytes { get; init; } = 1L << 30;

    /// <summary>Largest expanded size of one package; bigger ones are refused as unsafe.</summary>
    public long MaxExpandedPackageBytes { get; init; } = 256L << 20;

    /// <summary>Time limit of a plugin's start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of a plugin's stop.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a running plugin's health is checked.</summary>
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of one health check.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time limit of one reconcile pass.</summary>
    public TimeSpan ReconcileTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Requeue delays of a resource whose reconcile keeps failing.</summary>
    public ExponentialBackoff ReconcileBackoff { get; init; } = ExponentialBackoff.Default;

    /// <summary>How long an unloaded context may take to be collected before RestartRequired is reported.</summary>
    public TimeSpan UnloadTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Delay before restarting a failed plugin, growing with consecutive failures.</summary>
    public ExponentialBackoff RestartBackoff { get; init; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    /// <summary>Download retries and progress.</summary>
    public DownloadOptions Download { get; init; } = new();

    /// <summary>The clock handed to plugins.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Throws naming every bad setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(CacheDirectory))
        {
            problems.Add("CacheDirectory is required: a writable directory that survives restarts.");
        }

        if (string.IsNullOrWhiteSpace(StateDirectory))
        {
            problems.Add("StateDirectory is required: a writable directory that survives restarts.");
        }

        if (Side != PluginSides.Device && Side != PluginSides.Hub)
        {
            problems.Add($"Side must be '{PluginSides.Device}' or '{PluginSides.Hub}' (was '{Side}').");
        }

        if (CacheSizeLimitBytes <= 0 || MaxExpandedPackageBytes <= 0)
        {
            problems.Add("CacheSizeLimitBytes and MaxExpandedPackageBytes must be positive.");
        }

        foreach (var (name, value) in new[] { ("StartTimeout", StartTimeout), ("StopTimeout", StopTimeout), ("HealthInterval", HealthInterval), ("HealthTimeout", HealthTimeout), ("UnloadTimeout", UnloadTimeout), ("ReconcileTimeout", ReconcileTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"{name} must be positive (was {value}).");
            }
        }

        try
        {
            Download.Validate();
        }
        catch (ArgumentException ex)
        {
            problems.Add(ex.Message);
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid plugin host options: " + string.Join(" ", problems));
        }
    }
}
