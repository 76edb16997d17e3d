using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Faros.Testing;

/// <summary>
/// A real Kubernetes API server for tests: etcd and kube-apiserver v1.20.2 (built by
/// eng/provision/kube-apiserver.sh) on free loopback ports, with token authentication, RBAC, and a
/// service-account key pair, all in a temp directory removed on dispose. <see cref="KubeconfigPath"/> works with
/// kubectl and KubernetesClient alike.
/// </summary>
public sealed class KubernetesApiServer : IAsyncDisposable
{
    private const string AdminUser = "faros-admin";
    private readonly Process _etcd;
    private readonly Process _apiServer;
    private readonly TempDirectory _directory;

    private KubernetesApiServer(Process etcd, Process apiServer, TempDirectory directory, Uri server, string adminToken, string kubeconfigPath, CapturedOutput output)
    {
        _etcd = etcd;
        _apiServer = apiServer;
        _directory = directory;
        Server = server;
        AdminToken = adminToken;
        KubeconfigPath = kubeconfigPath;
        Output = output;
    }

    /// <summary>https://127.0.0.1:PORT</summary>
    public Uri Server { get; }

    /// <summary>A bearer token of a system:masters member.</summary>
    public string AdminToken { get; }

    /// <summary>A kubeconfig file for the admin, as kubectl and KubernetesClient read it.</summary>
    public string KubeconfigPath { get; }

    /// <summary>What etcd and kube-apiserver printed; attach to failures.</summary>
    public CapturedOutput Output { get; }

    public static async Task<KubernetesApiServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var apiServerBinary = LocateApiServer();
        var etcdBinary = LocateOnPath("etcd") ?? throw new MissingServiceException("etcd (Debian package etcd-server)", ProvisionHint);
        var directory = new TempDirectory("kubernetes");
        var output = new CapturedOutput();

        var etcdPort = FreeTcpPort.Next();
        var etcd = Start(etcdBinary, output,
        [
            "--data-dir", directory.Sub("etcd"),
            "--listen-client-urls", $"http://127.0.0.1:{etcdPort}", "--advertise-client-urls", $"http://127.0.0.1:{etcdPort}",
            "--listen-peer-urls", $"http://127.0.0.1:{FreeTcpPort.Next()}",
            "--unsafe-no-fsync",
        ]);

        var adminToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var tokens = Path.Combine(directory.Path, "tokens.csv");
        await File.WriteAllTextAsync(tokens, $"{adminToken},{AdminUser},{AdminUser},system:masters\n", cancellationToken);
        using var serviceAccountKey = RSA.Create(2048);
        var privateKey = Path.Combine(directory.Path, "sa.key");
        var publicKey = Path.Combine(directory.Path, "sa.pub");
        await File.WriteAllTextAsync(privateKey, serviceAccountKey.ExportRSAPrivateKeyPem(), cancellationToken);
        await File.WriteAllTextAsync(publicKey, serviceAccountKey.ExportSubjectPublicKeyInfoPem(), cancellationToken);

        var port = FreeTcpPort.Next();
        var apiServer = Start(apiServerBinary, output,
        [
            "--etcd-servers", $"http://127.0.0.1:{etcdPort}",
            "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1",
            "--secure-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--insecure-port", "0",
            "--cert-dir", directory.Sub("certs"),
            "--token-auth-file", tokens,
            "--authorization-mode", "RBAC",
            "--service-account-key-file", publicKey,
            "--service-account-signing-key-file", privateKey,
            "--service-account-issuer", "https://kubernetes.default.svc",
            "--service-cluster-ip-range", "10.0.0.0/24",
            "--enable-priority-and-fairness=false",
        ]);

        var server = new Uri($"https://127.0.0.1:{port}");
        var kubeconfig = Path.Combine(directory.Path, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: faros-test
              cluster:
                server: {server}
                insecure-skip-tls-verify: true
            users:
            - name: {AdminUser}
              user:
                token: {adminToken}
            contexts:
            - name: faros-test
              context:
                cluster: faros-test
                user: {AdminUser}
                namespace: default
            current-context: faros-test
            """, cancellationToken);

        var instance = new KubernetesApiServer(etcd, apiServer, directory, server, adminToken, kubeconfig, output);
        try
        {
            await instance.WaitUntilReadyAsync(cancellationToken);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.StopAsync(_apiServer, TimeSpan.FromSeconds(10));
        await ChildProcess.StopAsync(_etcd, TimeSpan.FromSeconds(10));
        _directory.Dispose();
    }

    private const string ProvisionHint = "Run eng/provision/kube-apiserver.sh, or eng/test.sh, which provisions it.";

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        // The serving certificate is self-signed by kube-apiserver at start-up; tests trust it by address.
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator })
        {
            BaseAddress = Server,
            Timeout = TimeSpan.FromSeconds(5),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        var deadline = Stopwatch.StartNew();
        var last = "no answer yet";
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_apiServer.HasExited || _etcd.HasExited)
            {
                throw new InvalidOperationException($"kube-apiserver or etcd exited before becoming ready ({last}).{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync("readyz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"GET /readyz answered {(int)response.StatusCode}";
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = exception.Message;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"kube-apiserver was not ready within 90 s ({last}).{Environment.NewLine}{Output}");
    }

    private static Process Start(string executable, CapturedOutput output, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(executable);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return ChildProcess.Start(startInfo, output);
    }

    private static string LocateApiServer()
    {
        var binary = Path.Combine(FarosCache.Path, "kube-apiserver-v1.20.2-reflect2");
        return File.Exists(binary) ? binary : throw new MissingServiceException("kube-apiserver v1.20.2", ProvisionHint);
    }

    private static string? LocateOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
