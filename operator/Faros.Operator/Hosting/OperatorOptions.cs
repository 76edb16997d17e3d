using Faros.Operator.EdgeAgents;

namespace Faros.Operator.Hosting;

/// <summary>Operator settings, bound from the "Operator" section (e.g. Operator__Workers=8 or --Operator:Workers 8).</summary>
public sealed class OperatorOptions
{
    public const string Section = "Operator";

    /// <summary>Namespace to watch; every namespace when unset.</summary>
    public string? Namespace { get; set; }

    /// <summary>Reconciles running in parallel per controller.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>Lower bound of each watch's server-side timeout (the upper bound is twice this).</summary>
    public int WatchTimeoutSeconds { get; set; } = 300;

    /// <summary>First retry delay of a failing key; doubles per failure up to <see cref="MaxBackoffSeconds"/>.</summary>
    public double InitialBackoffSeconds { get; set; } = 1;

    public double MaxBackoffSeconds { get; set; } = 300;

    /// <summary>Whether replicas elect a leader; turn off only when exactly one replica runs.</summary>
    public bool LeaderElection { get; set; } = true;

    /// <summary>Namespace of the leader-election Lease; defaults to POD_NAMESPACE, else faros-system.</summary>
    public string? LeaseNamespace { get; set; }

    public string LeaseName { get; set; } = "faros-operator";

    /// <summary>This replica's identity in the Lease; defaults to the host name and process id.</summary>
    public string? Identity { get; set; }

    public double LeaseDurationSeconds { get; set; } = 15;

    public double RenewDeadlineSeconds { get; set; } = 10;

    public double RetryPeriodSeconds { get; set; } = 2;

    /// <summary>The Faros registry's NuGet service index, e.g. http://registry:5000/v3/index.json.</summary>
    public string? RegistryUrl { get; set; }

    /// <summary>How often resolved plugin references are checked again (floating ranges roll forward within this).</summary>
    public double ReResolveIntervalSeconds { get; set; } = 300;

    /// <summary>How long one registry answer about a package serves every agent that references it.</summary>
    public double RegistryCacheSeconds { get; set; } = 30;

    /// <summary>How often a disconnected agent's Lease is read again.</summary>
    public double DisconnectedPollSeconds { get; set; } = 30;

    /// <summary>The Faros.Sdk version plugins must accept; defaults to the one the operator is built with.</summary>
    public string? SdkVersion { get; set; }

    /// <summary>The API server URL written into devices' kubeconfigs; defaults to the one the operator uses.</summary>
    public string? DeviceServerUrl { get; set; }

    /// <summary>PEM file of the CA devices should trust for the API server; defaults to the operator's own CA, if any.</summary>
    public string? DeviceCertificateAuthorityFile { get; set; }

    /// <summary>Lifetime of device tokens the operator requests itself; renewed after four fifths of it.</summary>
    public double DeviceTokenLifetimeHours { get; set; } = 24 * 30;

    /// <summary>How often a Registration is checked again (e.g. for plugin resources its Agent newly references).</summary>
    public double RegistrationResyncSeconds { get; set; } = 60;

    /// <summary>How often a Cluster without a fresh heartbeat is checked again.</summary>
    public double ClusterPollSeconds { get; set; } = 10;

    /// <summary>How often an AI agent's backend is probed (its model list fetched) again.</summary>
    public double AiProbeSeconds { get; set; } = 300;

    /// <summary>
    /// The plugin trust policy (YAML or JSON, bare rules or a TrustPolicy resource; see docs/signing.md). Unset: the
    /// built-in default, under which every FarosPlugin package needs a signature by an allowed signer, so none resolves.
    /// </summary>
    public string? TrustPolicyFile { get; set; }

    /// <summary>
    /// The cluster TrustPolicy (plugins.faros.sh) the operator enforces while it exists, in preference to
    /// <see cref="TrustPolicyFile"/>; devices get read access to it through their Registration.
    /// </summary>
    public string TrustPolicyName { get; set; } = "default";

    /// <summary>Sigstore trusted_root.json for keyless bundles; keyed bundles need none.</summary>
    public string? SigstoreTrustedRootFile { get; set; }

    /// <summary>Where verified hub-side plugin packages are cached (one folder per Agent namespace below it).</summary>
    public string HubPluginCacheDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "faros-operator", "plugin-cache");

    /// <summary>Parent of hub-side plugins' state directories (<c>{namespace}/{plugin id}</c> below it).</summary>
    public string HubPluginStateDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "faros-operator", "plugin-state");

    /// <summary>The problems with these settings, empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Workers is < 1 or > 256)
        {
            yield return $"Operator:Workers must be 1-256, not {Workers}.";
        }

        if (WatchTimeoutSeconds < 1)
        {
            yield return $"Operator:WatchTimeoutSeconds must be at least 1, not {WatchTimeoutSeconds}.";
        }

        if (InitialBackoffSeconds <= 0 || MaxBackoffSeconds < InitialBackoffSeconds)
        {
            yield return $"Operator:InitialBackoffSeconds ({InitialBackoffSeconds}) must be positive and at most Operator:MaxBackoffSeconds ({MaxBackoffSeconds}).";
        }

        if (ReResolveIntervalSeconds <= 0 || RegistryCacheSeconds < 0 || DisconnectedPollSeconds <= 0)
        {
            yield return "Operator:ReResolveIntervalSeconds and Operator:DisconnectedPollSeconds must be positive, Operator:RegistryCacheSeconds not negative.";
        }

        if (DeviceTokenLifetimeHours < 1 || RegistrationResyncSeconds <= 0 || ClusterPollSeconds <= 0 || AiProbeSeconds <= 0)
        {
            yield return "Operator:DeviceTokenLifetimeHours must be at least 1 and Operator:RegistrationResyncSeconds, Operator:ClusterPollSeconds and Operator:AiProbeSeconds positive.";
        }

        if (DeviceCertificateAuthorityFile is not null && !File.Exists(DeviceCertificateAuthorityFile))
        {
            yield return $"Operator:DeviceCertificateAuthorityFile {DeviceCertificateAuthorityFile} does not exist.";
        }

        if (string.IsNullOrWhiteSpace(TrustPolicyName) || !System.Text.RegularExpressions.Regex.IsMatch(TrustPolicyName, "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$"))
        {
            yield return $"Operator:TrustPolicyName (--trust-policy-resource) '{TrustPolicyName}' is not a resource name; use lower-case letters, digits, '-' and '.', e.g. default.";
        }

        foreach (var problem in PluginTrust.Problems(TrustPolicyFile, SigstoreTrustedRootFile))
        {
            yield return problem;
        }

        if (string.IsNullOrWhiteSpace(HubPluginCacheDirectory) || string.IsNullOrWhiteSpace(HubPluginStateDirectory))
        {
            yield return "Operator:HubPluginCacheDirectory and Operator:HubPluginStateDirectory must name writable directories (use a volume that survives restarts).";
        }

        if (SdkVersion is not null && !NuGet.Versioning.NuGetVersion.TryParse(SdkVersion, out _))
        {
            yield return $"Operator:SdkVersion '{SdkVersion}' is not a version.";
        }
    }
}
