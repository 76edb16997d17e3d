using System.Text;
using Faros.Operator.Controllers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Faros.Operator.Identity;

/// <summary>Token Secrets of ServiceAccounts that the operator hands out (to devices, to managed clusters).</summary>
public sealed class ServiceAccountTokens
{
    private const string TokenExpiresAnnotation = "faros.sh/token-expires";
    private readonly IKubernetes _client;
    private readonly TimeSpan _lifetime;
    private readonly string? _certificateAuthorityData;
    private readonly ILogger _logger;

    public ServiceAccountTokens(IKubernetes client, TimeSpan lifetime, string? certificateAuthorityData, ILogger logger)
    {
        _client = client;
        _lifetime = lifetime;
        _certificateAuthorityData = certificateAuthorityData;
        _logger = logger;
    }

    /// <summary>
    /// Makes sure the token Secret exists and holds a token. A cluster's token controller fills a
    /// service-account-token Secret by itself; where none runs (or it is slower), the operator requests a token
    /// bound to the Secret, so deleting the Secret revokes it. Returns when that token should be renewed.
    /// </summary>
    public async Task<TimeSpan?> EnsureTokenSecretAsync(string ns, string serviceAccount, string secretName, Dictionary<string, string> labels, DateTimeOffset now, CancellationToken cancellationToken)
    {
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
            var renewAt = expires - _lifetime / 5;
            if (hasToken && (renewAt is null || renewAt > now))
            {
                return renewAt - now;
            }

            var issued = await _client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest
            {
                Spec = new V1TokenRequestSpec
                {
                    Audiences = [],
                    ExpirationSeconds = (long)_lifetime.TotalSeconds,
                    BoundObjectRef = new V1BoundObjectReference { ApiVersion = "v1", Kind = "Secret", Name = secretName, Uid = secret.Metadata.Uid },
                },
            }, serviceAccount, ns, cancellationToken: ct);
            var expiresAt = DateTime.SpecifyKind(issued.Status.ExpirationTimestamp ?? now.UtcDateTime + _lifetime, DateTimeKind.Utc);
            secret.Data ??= new Dictionary<string, byte[]>();
            secret.Data["token"] = Encoding.UTF8.GetBytes(issued.Status.Token);
            secret.Data["namespace"] = Encoding.UTF8.GetBytes(ns);
            if (_certificateAuthorityData is { } ca)
            {
                secret.Data["ca.crt"] = Convert.FromBase64String(ca);
            }

            secret.Metadata.Annotations ??= new Dictionary<string, string>();
            secret.Metadata.Annotations[TokenExpiresAnnotation] = expiresAt.ToString("O");
            await _client.CoreV1.ReplaceNamespacedSecretAsync(secret, secretName, ns, cancellationToken: ct);
            _logger.LogInformation("Issued a token for {Namespace}/{ServiceAccount}, valid until {Expires}", ns, serviceAccount, expiresAt);
            return (TimeSpan?)(new DateTimeOffset(expiresAt) - _lifetime / 5 - now);
        }, cancellationToken);
    }
}
