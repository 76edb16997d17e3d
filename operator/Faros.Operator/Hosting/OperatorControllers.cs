using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Operator.Controllers;
using Faros.Operator.EdgeAgents;
using Faros.Operator.PluginCatalog;
using Faros.Operator.Registrations;
using Faros.Operator.Clusters;
using Faros.Operator.Identity;
using Faros.Api.Core;
using Faros.Api.Intelligence;
using Faros.Operator.Intelligence;
using Faros.Sdk.Reconciliation;
using k8s.Models;
using Faros.Sdk;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NuGet.Versioning;
using Faros.Signing.Policy;
using Faros.Operator.HubPlugins;
using Faros.Operator.TrustPolicies;
using Faros.PluginHost.Verification;

namespace Faros.Operator.Hosting;

/// <summary>The built-in controllers the operator runs.</summary>
public static class OperatorControllers
{
    private const string EdgeAgentQueue = "edge-agents";

    public static void Register(HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<OperatorOptions>()
            .Validate(options => Uri.TryCreate(options.RegistryUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps),
                "Operator:RegistryUrl must be the absolute http(s) URL of the Faros registry's service index, e.g. --Operator:RegistryUrl http://registry:5000/v3/index.json.");

        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<OperatorOptions>>().Value;
            return new RegistryCatalog(new Uri(options.RegistryUrl!), TimeSpan.FromSeconds(options.RegistryCacheSeconds), provider.GetRequiredService<ILogger<RegistryCatalog>>());
        });
        // Pushes reach Agents within about a second; the re-resolve interval stays the safety net.
        services.AddHttpClient(nameof(RegistryChangeFeed), http => http.Timeout = RegistryChangeFeed.RequestTimeout);
        services.AddSingleton(provider => new RegistryChangeFeed(
            provider.GetRequiredService<RegistryCatalog>(), provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(RegistryChangeFeed)),
            TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<OperatorOptions>>().Value.ReResolveIntervalSeconds),
            provider.GetRequiredService<ILogger<RegistryChangeFeed>>()));
        services.AddSingleton<IController>(provider => provider.GetRequiredService<RegistryChangeFeed>());
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<OperatorOptions>>().Value;
            var trustedRoot = TrustPolicyEvaluator.LoadTrustedRoot(options.SigstoreTrustedRootFile);
            return new ClusterTrustPolicySettings(options.TrustPolicyName, PluginTrust.FilePolicy(options.TrustPolicyFile, trustedRoot), trustedRoot,
                TimeSpan.FromSeconds(options.WatchTimeoutSeconds), TimeSpan.FromSeconds(10));
        });
        // Unsettled until the TrustPolicy watch has listed once, so that no first verdict uses the file the resource overrides.
        services.AddSingleton(provider => new CurrentTrustPolicy(provider.GetRequiredService<ClusterTrustPolicySettings>().Fallback, settled: false));
        services.AddSingleton<ClusterTrustPolicyWatch>();
        services.AddSingleton<IController>(provider => provider.GetRequiredService<ClusterTrustPolicyWatch>());
        services.AddSingleton<TrustPolicyReaders>();
        // One instance: its verdict cache is what makes a thousand Agents cost one verification per plugin version.
        services.AddHttpClient(nameof(SignatureTrustPolicy), http => http.Timeout = TimeSpan.FromMinutes(2));
        services.AddSingleton(provider => new SignatureTrustPolicy(
            provider.GetRequiredService<CurrentTrustPolicy>(), provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SignatureTrustPolicy)),
            provider.GetRequiredService<ILogger<SignatureTrustPolicy>>()));
        services.TryAddSingleton<IPluginTrustPolicy>(provider => provider.GetRequiredService<SignatureTrustPolicy>());
        services.AddSingleton(provider => EdgeAgentSettingsFrom(provider.GetRequiredService<IOptions<OperatorOptions>>().Value));
        services.AddSingleton(provider => new PluginResolver(
            provider.GetRequiredService<RegistryCatalog>(), provider.GetRequiredService<IPluginTrustPolicy>(), provider.GetRequiredService<EdgeAgentSettings>().SdkVersion));
        services.AddHttpClient<PluginCrdInstaller>(http => http.Timeout = TimeSpan.FromMinutes(2));
        services.AddSingleton<EdgeAgentReconciler>();
        // Lease changes queue their Agent in the edge Agent controller's own queue.
        services.AddKeyedSingleton(EdgeAgentQueue, (_, _) => new WorkQueue<ObjectKey>());
        services.AddSingleton(provider =>
        {
            var controller = NewController<EdgeAgent, EdgeAgentReconciler>(provider, provider.GetRequiredKeyedService<WorkQueue<ObjectKey>>(EdgeAgentQueue));
            // A changed trust policy recomputes every Agent's PluginsVerified.
            provider.GetRequiredService<CurrentTrustPolicy>().Changed += _ =>
            {
                foreach (var agent in controller.Watcher.Snapshot())
                {
                    controller.Queue.Add(ObjectKey.Of(agent));
                }
            };
            // A changed package re-resolves the Agents that reference it, without waiting for the interval.
            provider.GetRequiredService<RegistryChangeFeed>().Changed += changes =>
            {
                foreach (var agent in controller.Watcher.Snapshot().Where(agent => EdgeAgentReconciler.References(agent, changes)))
                {
                    controller.Queue.Add(ObjectKey.Of(agent));
                }
            };
            return controller;
        });
        services.AddSingleton<IController>(provider => provider.GetRequiredService<Controller<EdgeAgent>>());
        services.AddSingleton(provider => new AgentLeases(
            new ResourceWatcher<V1Lease>(new LeaseListWatch(provider.GetRequiredService<IKubernetes>()), provider.GetRequiredService<ControllerSettings>().Watch,
                provider.GetRequiredService<ILogger<AgentLeases>>(), AgentLeases.CanChangeConnection),
            provider.GetRequiredKeyedService<WorkQueue<ObjectKey>>(EdgeAgentQueue)));
        services.AddSingleton<IController>(provider => provider.GetRequiredService<AgentLeases>());

        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<OperatorOptions>>().Value;
            return new HubPluginSettings(options.HubPluginCacheDirectory, options.HubPluginStateDirectory, new Uri(options.RegistryUrl!));
        });
        // Hub-side plugins are checked under the same current policy that verifies pins.
        services.AddSingleton<IController>(provider => new HubPluginController(
            provider.GetRequiredService<IKubernetes>(), provider.GetRequiredService<RegistryCatalog>(), provider.GetRequiredService<HubPluginSettings>(),
            new TrustPolicyCheck(provider.GetRequiredService<CurrentTrustPolicy>()), provider.GetRequiredService<ControllerSettings>(),
            provider.GetRequiredService<ILoggerFactory>()));

        services.AddSingleton(provider => RegistrationSettingsFrom(
            provider.GetRequiredService<IOptions<OperatorOptions>>().Value, provider.GetRequiredService<KubernetesClientConfiguration>()));
        services.AddSingleton<RegistrationReconciler>();
        services.AddSingleton(provider => NewController<Registration, RegistrationReconciler>(provider));
        services.AddSingleton<IController>(provider => provider.GetRequiredService<Controller<Registration>>());
        services.AddSingleton<IController>(provider =>
        {
            // An Agent's spec (its configRefs) shapes its Registration's Role.
            var registrations = provider.GetRequiredService<Controller<Registration>>();
            var agents = new ResourceClient<EdgeAgent>(provider.GetRequiredService<IKubernetes>());
            return new RelatedWatch<EdgeAgent>(
                new ResourceWatcher<EdgeAgent>(agents, provider.GetRequiredService<ControllerSettings>().Watch, provider.GetRequiredService<ILogger<Controller<Registration>>>()),
                agents.Kind,
                agent => registrations.Watcher.Snapshot()
                    .Where(r => r.Metadata.NamespaceProperty == agent.Namespace && r.Spec.AgentName == agent.Name)
                    .Select(ObjectKey.Of),
                registrations.Queue);
        });

        services.AddSingleton(provider =>
        {
            var registration = provider.GetRequiredService<RegistrationSettings>();
            return new ServiceAccountTokens(provider.GetRequiredService<IKubernetes>(), registration.TokenLifetime, registration.CertificateAuthorityData, provider.GetRequiredService<ILogger<ServiceAccountTokens>>());
        });
        services.AddSingleton(provider => new ClusterSettings(TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<OperatorOptions>>().Value.ClusterPollSeconds)));
        services.AddSingleton<ClusterReconciler>();
        AddController<Cluster, ClusterReconciler>(services);

        services.AddHttpClient<ModelProbe>(http => http.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton(provider => new AiAgentReconciler(
            provider.GetRequiredService<IKubernetes>(), provider.GetRequiredService<ModelProbe>(),
            TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<OperatorOptions>>().Value.AiProbeSeconds), provider.GetRequiredService<ILogger<AiAgentReconciler>>()));
        AddController<AiAgent, AiAgentReconciler>(services);
    }

    private static void AddController<TResource, TReconciler>(IServiceCollection services)
        where TResource : class, IKubernetesObject<V1ObjectMeta>, IHasResourceStatus
        where TReconciler : Reconciler<TResource> =>
        services.AddSingleton<IController>(provider => NewController<TResource, TReconciler>(provider));

    private static Controller<TResource> NewController<TResource, TReconciler>(IServiceProvider provider, WorkQueue<ObjectKey>? queue = null)
        where TResource : class, IKubernetesObject<V1ObjectMeta>, IHasResourceStatus
        where TReconciler : Reconciler<TResource> =>
        new(new ResourceClient<TResource>(provider.GetRequiredService<IKubernetes>()),
            provider.GetRequiredService<TReconciler>(),
            provider.GetRequiredService<ControllerSettings>(),
            provider.GetRequiredService<ILogger<Controller<TResource>>>(),
            queue);

    public static RegistrationSettings RegistrationSettingsFrom(OperatorOptions options, KubernetesClientConfiguration connection)
    {
        string? ca = null;
        if (options.DeviceCertificateAuthorityFile is { } file)
        {
            ca = Convert.ToBase64String(File.ReadAllBytes(file));
        }
        else if (connection.SslCaCerts is { Count: > 0 } certificates)
        {
            ca = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"))));
        }

        return new RegistrationSettings(
            new Uri(options.DeviceServerUrl ?? connection.Host),
            ca,
            TimeSpan.FromHours(options.DeviceTokenLifetimeHours),
            TimeSpan.FromSeconds(options.RegistrationResyncSeconds));
    }

    public static EdgeAgentSettings EdgeAgentSettingsFrom(OperatorOptions options) => new(
        TimeSpan.FromSeconds(options.ReResolveIntervalSeconds),
        TimeSpan.FromSeconds(options.DisconnectedPollSeconds),
        options.SdkVersion is { } configured ? NuGetVersion.Parse(configured) : BuiltInSdkVersion);

    /// <summary>The version of the Faros.Sdk assembly the operator is built with.</summary>
    public static NuGetVersion BuiltInSdkVersion
    {
        get
        {
            var version = typeof(IFarosPlugin).Assembly.GetName().Version ?? new Version(1, 0, 0);
            return new NuGetVersion(version.Major, version.Minor, version.Build < 0 ? 0 : version.Build);
        }
    }
}
