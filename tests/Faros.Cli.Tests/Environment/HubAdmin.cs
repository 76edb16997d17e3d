using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Models;

namespace Faros.Cli.Tests.Environment;

/// <summary>What tests do on the hub as its administrator, to prepare a scene or check what the tool did.</summary>
public sealed class HubAdmin(KubernetesApiServer hub) : IDisposable
{
    public KubernetesApiServer Hub { get; } = hub;

    public IKubernetes Client { get; } = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(hub.KubeconfigPath));

    public static async Task<HubAdmin> ConnectAsync() => new(await SharedServices.HubAsync());

    /// <summary>The CA certificate the API server presents with its self-generated serving certificate, as PEM.</summary>
    public async Task<string> ServingCertificateAuthorityPemAsync()
    {
        X509Certificate2? authority = null;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Hub.Server.Host, Hub.Server.Port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, chain, _) =>
        {
            authority = chain?.ChainElements[^1].Certificate is { } root ? X509CertificateLoader.LoadCertificate(root.RawData) : null;
            return true;
        });
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        return (authority ?? throw new InvalidOperationException("The API server presented no certificate chain.")).ExportCertificatePem();
    }

    /// <summary>A bearer token of a service account that has no permissions at all (TokenRequest API).</summary>
    public async Task<string> CreatePowerlessTokenAsync(string name)
    {
        await Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name } }, "default");
        var request = await Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest
        {
            Spec = new V1TokenRequestSpec { Audiences = ["https://kubernetes.default.svc"], ExpirationSeconds = 3600 },
        }, name, "default");
        return request.Status.Token;
    }

    public void Dispose() => (Client as IDisposable)?.Dispose();
}
