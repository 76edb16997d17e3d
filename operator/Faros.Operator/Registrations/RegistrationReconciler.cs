using System.Text;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Operator.Controllers;
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
    private const string TokenExpiresAnnotation = "edge.faros.sh/token-expires";
    private readonly IKubernetes _client;
    private readonly ResourceClient<Registration> _registrations;
    private readonly ResourceClient<EdgeAgent> _agents;
    private readonly RegistrationSettings _settings;
    private readonly ILogger<RegistrationReconciler> _logger;

    public RegistrationReconciler(IKubernetes client, RegistrationSettings settings, ILogger<RegistrationReconciler> logger)
    {
        _client = client;
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

        await EnsureAsync(
            () => _client.CoreV1.ReadNamespacedServiceAccountAsync(serviceAccount, ns, cancellationToken: cancellationToken),
            () => _client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = serviceAccount, Labels = labels } }, ns, cancellationToken: cancellationToken));

        var rules = DeviceAccess.Rules(agentName, await PluginResourcesAsync(ns, agentName, cancellationToken));
        await ApplyRoleAsync(ns, serviceAccount, labels, rules, cancellationToken);
        await EnsureAsync(
            () => _client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(serviceAccount, ns, cancellationToken: cancellationToken),
            () => _client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = serviceAccount, Labels = labels },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = serviceAccount },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = serviceAccount, NamespaceProperty = ns }],
            }, ns, cancellationToken: cancellationToken));

        var renewIn = await EnsureTokenAsync(ns, agentName, serviceAccount, labels, now, cancellationToken);
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
        var resources = new List<(string, string, string)>();
        foreach (var reference in references)
        {
            var group = DeviceAccess.GroupOf(reference);
            var definition = definitions.Items.FirstOrDefault(d => d.Spec.Group == group && d.Spec.Names.Kind == reference.Kind);
            if (definition is null)
            {
                _logger.LogWarning("Agent {Namespace}/{Agent} references {Kind} {Name} in group {Group}, which no CRD defines; no access granted", ns, agentName, reference.Kind, reference.Name, group);
                continue;
            }

            resources.Add((group, definition.Spec.Names.Plural, reference.Name));
        }

        return resources;
    }

    private async Task ApplyRoleAsync(string ns, string name, Dictionary<string, string> labels, List<V1PolicyRule> rules, CancellationToken cancellationToken)
    {
        await Conflicts.RetryAsync<object?>(async ct =>
        {
            V1Role? existing = null;
            try
            {
                existing = await _client.RbacAuthorizationV1.ReadNamespacedRoleAsync(name, ns, cancellationToken: ct);
            }
            catch (Exception missing) when (Conflicts.IsNotFound(missing))
            {
            }

            if (existing is null)
            {
                await _client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, Rules = rules }, ns, cancellationToken: ct);
            }
            else if (KubernetesJson.Serialize(existing.Rules) != KubernetesJson.Serialize(rules))
            {
                existing.Rules = rules;
                await _client.RbacAuthorizationV1.ReplaceNamespacedRoleAsync(existing, name, ns, cancellationToken: ct);
            }

            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// Makes sure the token Secret exists and holds a token. A cluster's token controller fills a
    /// service-account-token Secret by itself; where none runs (or it is slower), the operator requests a token
    /// bound to the Secret, so deleting the Secret revokes it. Returns when that token should be renewed.
    /// </summary>
    private async Task<TimeSpan?> EnsureTokenAsync(string ns, string agentName, string serviceAccount, Dictionary<string, string> labels, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var secretName = DeviceAccess.TokenSecretName(agentName);
        return await Conflicts.RetryAsync(async ct =>
        {
            V1Secret secret;
            try
            {
                secret = await _client.CoreV1.ReadNamespacedSecretAsync(secretName, ns, cancellationToken: ct);
            }
            catch (Exception missing) when (Conflicts.IsNotFound(missing))
            {
                secret = await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
                {
                    Metadata = new V1ObjectMeta
                    {
                        Name = secretName,
                        Labels = labels,
                        Annotations = new Dictionary<string, string> { ["kubernetes.io/service-account.name"] = serviceAccount },
                    },
                    Type = "kubernetes.io/service-account-token",
                }, ns, cancellationToken: ct);
            }

            var expires = secret.Metadata.Annotations?.TryGetValue(TokenExpiresAnnotation, out var value) == true && DateTimeOffset.TryParse(value, out var parsed) ? parsed : (DateTimeOffset?)null;
            var hasToken = secret.Data?.TryGetValue("token", out var token) == true && token.Length > 0;
            var renewAt = expires - _settings.TokenLifetime / 5;
            if (hasToken && (renewAt is null || renewAt > now))
            {
                return renewAt - now;
            }

            var issued = await _client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest
            {
                Spec = new V1TokenRequestSpec
                {
                    Audiences = [],
                    ExpirationSeconds = (long)_settings.TokenLifetime.TotalSeconds,
                    BoundObjectRef = new V1BoundObjectReference { ApiVersion = "v1", Kind = "Secret", Name = secretName, Uid = secret.Metadata.Uid },
                },
            }, serviceAccount, ns, cancellationToken: ct);
            var expiresAt = DateTime.SpecifyKind(issued.Status.ExpirationTimestamp ?? now.UtcDateTime + _settings.TokenLifetime, DateTimeKind.Utc);
            secret.Data ??= new Dictionary<string, byte[]>();
            secret.Data["token"] = Encoding.UTF8.GetBytes(issued.Status.Token);
            secret.Data["namespace"] = Encoding.UTF8.GetBytes(ns);
            if (_settings.CertificateAuthorityData is { } ca)
            {
                secret.Data["ca.crt"] = Convert.FromBase64String(ca);
            }

            secret.Metadata.Annotations ??= new Dictionary<string, string>();
            secret.Metadata.Annotations[TokenExpiresAnnotation] = expiresAt.ToString("O");
            await _client.CoreV1.ReplaceNamespacedSecretAsync(secret, secretName, ns, cancellationToken: ct);
            _logger.LogInformation("Issued a token for {Namespace}/{ServiceAccount}, valid until {Expires}", ns, serviceAccount, expiresAt);
            return (TimeSpan?)(new DateTimeOffset(expiresAt) - _settings.TokenLifetime / 5 - now);
        }, cancellationToken);
    }

    private async Task DeleteAccessAsync(string ns, string agentName, CancellationToken cancellationToken)
    {
        var name = DeviceAccess.ServiceAccountName(agentName);
        await IgnoreMissingAsync(() => _client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(name, ns, cancellationToken: cancellationToken));
        await IgnoreMissingAsync(() => _client.RbacAuthorizationV1.DeleteNamespacedRoleAsync(name, ns, cancellationToken: cancellationToken));
        await IgnoreMissingAsync(() => _client.CoreV1.DeleteNamespacedSecretAsync(DeviceAccess.TokenSecretName(agentName), ns, cancellationToken: cancellationToken));
        await IgnoreMissingAsync(() => _client.CoreV1.DeleteNamespacedServiceAccountAsync(name, ns, cancellationToken: cancellationToken));
    }

    private static async Task EnsureAsync<T>(Func<Task<T>> read, Func<Task<T>> create)
    {
        try
        {
            await read();
        }
        catch (Exception missing) when (Conflicts.IsNotFound(missing))
        {
            try
            {
                await create();
            }
            catch (Exception raced) when (Conflicts.IsConflict(raced))
            {
                // Created meanwhile (409 AlreadyExists): what was wanted.
            }
        }
    }

    private static async Task IgnoreMissingAsync<T>(Func<Task<T>> delete)
    {
        try
        {
            await delete();
        }
        catch (Exception missing) when (Conflicts.IsNotFound(missing))
        {
        }
    }
}
