using Faros.Api.Crds;
using Faros.Testing;
using k8s;
using k8s.Models;

namespace Faros.Bench.Edge;

/// <summary>
/// What both edge benchmarks run against, all real processes on 127.0.0.1: etcd and kube-apiserver v1.20.2 with
/// the Faros CRDs, a namespace for the run, a registry process, and the trust policy (the test publisher key
/// required for <see cref="BenchPlugins.IdPrefix"/>*) that the operator and the agent load.
/// </summary>
public sealed class EdgeHub : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private EdgeHub(KubernetesApiServer server, RegistryProcess registry, Kubernetes admin, string ns, TempDirectory directory, string trustPolicy)
    {
        Server = server;
        Registry = registry;
        Admin = admin;
        Namespace = ns;
        _directory = directory;
        TrustPolicy = trustPolicy;
    }

    public KubernetesApiServer Server { get; }

    public RegistryProcess Registry { get; }

    public Kubernetes Admin { get; }

    public string Namespace { get; }

    public string TrustPolicy { get; }

    /// <summary>A scratch directory removed with the hub.</summary>
    public string Directory => _directory.Path;

    public static async Task<EdgeHub> StartAsync(string ns)
    {
        var server = await KubernetesApiServer.StartAsync();
        var admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
        await CustomResourceDefinitionInstaller.InstallFarosAsync(admin);
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var registry = await RegistryProcess.StartAsync();
        var directory = new TempDirectory("edge-bench");
        var trustPolicy = TestTrustPolicy.Write(directory.Path, TestTrustPolicy.Document(
            TestTrustPolicy.Rule($"[\"{BenchPlugins.IdPrefix}*\"]", "require", TestTrustPolicy.PublicKeySigner(TestPublisherKey.Shared.PublicKeyPem))));
        return new EdgeHub(server, registry, admin, ns, directory, trustPolicy);
    }

    /// <summary>The operator's command line: this hub's namespace, registry and trust policy, one replica, plus <paramref name="settings"/>.</summary>
    public IEnumerable<string> OperatorArguments(params string[] settings) =>
    [
        "--kubeconfig", Server.KubeconfigPath, "--trust-policy", TrustPolicy,
        "--Operator:Namespace", Namespace, "--Operator:LeaderElection", "false",
        "--Operator:RegistryUrl", Registry.ServiceIndex.AbsoluteUri,
        .. settings,
    ];

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Registry.DisposeAsync();
        await Server.DisposeAsync();
        _directory.Dispose();
    }
}
