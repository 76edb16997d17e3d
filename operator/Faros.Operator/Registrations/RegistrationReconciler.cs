using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Operator.Controllers;
using Faros.Operator.Identity;
using Faros.Operator.TrustPolicies;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Reasons = Faros.Api.Edge.RegistrationConditions.Reasons;

namespace Faros.Operator.Registrations;

/// <summary>
/// Gives a device its identity and permissions: ServiceAccount, token Secret, Role and RoleBinding, all in the
/// Registration's namespace; publishes what its kubeconfig needs in status; a finalizer deletes it all again.
/// </summary>
public sealed class RegistrationReconciler : Reconciler<Registration>
{
    /// <summary>Held until the device's ServiceAccount, Secret, Role and RoleBinding are deleted.</summary>
    public const string Finalizer = "edge.faros.sh/device-access";

    private const string ManagedByLabel = "app.kubernetes.io/managed-by";
    private const string RegistrationLabel = "edge.faros.sh/registration";
    private readonly IKubernetes _client;
    private readonly ServiceAccountTokens _tokens;
    private readonly ResourceClient<Registration> _registrations;
    private readonly ResourceClient<EdgeAgent> _agents;
    private readonly RegistrationSettings _settings;
    private readonly TrustPolicyReaders _trustPolicyReaders;
    private readonly ILogger<RegistrationReconciler> _logger;

    public RegistrationReconciler(IKubernetes client, RegistrationSettings settings, TrustPolicyReaders trustPolicyReaders, ILogger<RegistrationReconciler> logger)
    {
        _trustPolicyReaders = trustPolicyReaders;
        _client = client;
        _tokens = new ServiceAccountTokens(client, settings.TokenLifetime, settings.CertificateAuthorityData, logger);
        _registrations = new ResourceClient<Registration>(client);
        _agents = new ResourceClient<EdgeAgent>(client);
        _settings = settings;
        _logger = logger;
    }

    protected override async Task<ReconcileResult> ReconcileCoreAsync(Registration registration, CancellationToken cancellationToken)
    {
        var ns = registration.Metadata.NamespaceProperty;
        var agentName = registration.Spec.AgentName;
        if (registration.Metadata.DeletionTimestamp is not null)
        {
            await DeleteAccessAsync(ns, agentName, cancellationToken);
            await _registrations.RemoveAsync(registration, Finalizer, cancellationToken);
            _logger.LogInformation("Registration {Namespace}/{Name}: device access of agent {Agent} removed", ns, registration.Metadata.Name, agentName);
            return ReconcileResult.Done;
        }

        await _registrations.EnsureAsync(registration, Finalizer, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var serviceAccount = DeviceAccess.ServiceAccountName(agentName);
        var labels = new Dictionary<string, string> { [ManagedByLabel] = "faros-operator", [RegistrationLabel] = registration.Metadata.Name };

        await KubernetesObjects.EnsureExistsAsync(
            () => _client.CoreV1.ReadNamespacedServiceAccountAsync(serviceAccount, ns, cancellationToken: cancellationToken),
            () => _client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = serviceAccount, Labels = labels } }, ns, cancellationToken: cancellationToken));

        var rules = DeviceAccess.Rules(agentName, await PluginResourcesAsync(ns, agentName, cancellationToken));
        await ServiceAccountRoles.ApplyAsync(_client, ns, serviceAccount, labels, rules, cancellationToken);

        // Devices verify plugins under the cluster TrustPolicy too: read access to it, cluster-scoped, revoked by the finalizer.
        await _trustPolicyReaders.GrantAsync(ns, serviceAccount, labels, cancellationToken);

        var renewIn = await _tokens.EnsureTokenSecretAsync(ns, serviceAccount, DeviceAccess.TokenSecretName(agentName), labels, now, cancellationToken);
        registration.Status.Server = _settings.Server.AbsoluteUri.TrimEnd('/');
        registration.Status.CertificateAuthorityData = _settings.CertificateAuthorityData;
        registration.Status.ServiceAccountName = serviceAccount;
        registration.Status.TokenSecretName = DeviceAccess.TokenSecretName(agentName);
        registration.Status.Conditions.SetCondition(RegistrationConditions.Ready, ConditionStatus.True, Reasons.Provisioned,
            $"ServiceAccount, token Secret, Role and RoleBinding {serviceAccount} are in place.", registration.Metadata.Generation, now);
        return ReconcileResult.Requeue(renewIn is { } renew && renew < _settings.Resync ? renew : _settings.Resync);
    }

    /// <summary>The plugin resources (group, plural, name) that the Agent's plugins reference through configRef.</summary>
    private async Task<List<(string Group, string Plural, string Name)>> PluginResourcesAsync(string ns, string agentName, CancellationToken cancellationToken)
    {
        var agent = await _agents.FindAsync(ns, agentName, cancellationToken);
        var references = agent?.Spec.Plugins.Select(p => p.ConfigRef).OfType<PluginConfigReference>().ToList() ?? [];
        if (references.Count == 0)
        {
            return [];
        }

        var definitions = await _client.ApiextensionsV1.ListCustomResourceDefinitionAsync(cancellationToken: cancellationToken);
        var kinds = DeviceAccess.KindsDefinedBy(definitions.Items).ToList();
        var resources = new List<(string, string, string)>();
        foreach (var reference in references)
        {
            if (PluginConfigReferences.Resolve(reference, kinds) is not { } kind)
            {
                _logger.LogWarning("Agent {Namespace}/{Agent} references {Kind} {Name} ({ApiVersion}), which no CRD serves; no access granted",
                    ns, agentName, reference.Kind, reference.Name, reference.ApiVersion ?? PluginConfigReferences.DefaultApiVersion);
                continue;
            }

            resources.Add((kind.Group, kind.Plural, reference.Name));
        }

        return resources;
    }

    private async Task DeleteAccessAsync(string ns, string agentName, CancellationToken cancellationToken)
    {
        var name = DeviceAccess.ServiceAccountName(agentName);
        await _trustPolicyReaders.RevokeAsync(ns, name, cancellationToken);
        await ServiceAccountRoles.DeleteAsync(_client, ns, name, cancellationToken);
        await KubernetesObjects.DeleteIfExistsAsync(() => _client.CoreV1.DeleteNamespacedSecretAsync(DeviceAccess.TokenSecretName(agentName), ns, cancellationToken: cancellationToken));
        await KubernetesObjects.DeleteIfExistsAsync(() => _client.CoreV1.DeleteNamespacedServiceAccountAsync(name, ns, cancellationToken: cancellationToken));
    }
}
