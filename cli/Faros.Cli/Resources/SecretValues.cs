using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;

namespace Faros.Cli.Resources;

/// <summary>Reads one key of a Secret, e.g. the token the operator issued.</summary>
public static class SecretValues
{
    /// <summary>The key's value as text, or null while the Secret or the key does not exist (yet).</summary>
    public static async Task<string?> FindAsync(IKubernetes client, string ns, string secretName, string key, CancellationToken cancellationToken)
    {
        try
        {
            var secret = await client.CoreV1.ReadNamespacedSecretAsync(secretName, ns, cancellationToken: cancellationToken);
            return secret.Data?.TryGetValue(key, out var bytes) == true && bytes.Length > 0 ? Encoding.UTF8.GetString(bytes) : null;
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
