using Faros.Cli.Infrastructure;
using k8s;
using k8s.KubeConfigModels;

namespace Faros.Cli.Kubeconfig;

/// <summary>A connection to the hub through the selected kubeconfig context.</summary>
public sealed class KubeSession : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private KubeSession(Kubernetes client, KubernetesClientConfiguration configuration, string contextName)
    {
        Client = client;
        Server = configuration.Host.TrimEnd('/');
        ContextName = contextName;
        ContextNamespace = configuration.Namespace;
        SkipTlsVerify = configuration.SkipTlsVerify;
        CertificateAuthorityData = configuration.SslCaCerts is { Count: > 0 } authorities
            ? Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(string.Concat(authorities.Select(certificate => certificate.ExportCertificatePem() + "\n"))))
            : null;
    }

    public IKubernetes Client { get; }

    public string Server { get; }

    public string ContextName { get; }

    public string? ContextNamespace { get; }

    /// <summary>Base64 PEM of the CA the context trusts for the hub, if it names one.</summary>
    public string? CertificateAuthorityData { get; }

    public bool SkipTlsVerify { get; }

    public static KubeSession Open(KubeconfigSelection selection)
    {
        var existing = selection.Files.Existing;
        if (existing.Count == 0)
        {
            throw new CliException(ExitCodes.Error,
                $"No kubeconfig found at {selection.Files}. Run `kubectl faros login --hub-url URL --token TOKEN`, or point --kubeconfig or KUBECONFIG at one.");
        }

        var configuration = Merge(existing.Select(path => KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(path), useRelativePaths: true)).ToList());
        var contextName = selection.Context ?? configuration.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
        {
            throw new CliException(ExitCodes.Error,
                $"The kubeconfig ({selection.Files}) has no current context. Pass --context NAME, or run `kubectl faros login`.");
        }

        if (configuration.Contexts?.Any(context => context.Name == contextName) != true)
        {
            var known = string.Join(", ", configuration.Contexts?.Select(context => context.Name) ?? []);
            throw new CliException(ExitCodes.Error,
                $"The kubeconfig ({selection.Files}) has no context '{contextName}' (it has: {(known.Length == 0 ? "none" : known)}). Pick one with --context, or run `kubectl faros login`.");
        }

        var clientConfiguration = KubernetesClientConfiguration.BuildConfigFromConfigObject(configuration, contextName);
        clientConfiguration.HttpClientTimeout = RequestTimeout;
        return new KubeSession(new Kubernetes(clientConfiguration), clientConfiguration, contextName);
    }

    /// <summary>kubectl's merge: the first file to define a name wins; current-context comes from the first file that sets it.</summary>
    private static K8SConfiguration Merge(IReadOnlyList<K8SConfiguration> files)
    {
        if (files.Count == 1)
        {
            return files[0];
        }

        foreach (var file in files)
        {
            ResolveRelativePaths(file);
        }

        var merged = files[0];
        merged.CurrentContext = files.Select(file => file.CurrentContext).FirstOrDefault(name => !string.IsNullOrEmpty(name));
        merged.Clusters = files.SelectMany(file => file.Clusters ?? []).DistinctBy(cluster => cluster.Name).ToList();
        merged.Users = files.SelectMany(file => file.Users ?? []).DistinctBy(user => user.Name).ToList();
        merged.Contexts = files.SelectMany(file => file.Contexts ?? []).DistinctBy(context => context.Name).ToList();
        return merged;
    }

    /// <summary>File references are relative to the kubeconfig that holds them; merged, they would be read relative to the first.</summary>
    private static void ResolveRelativePaths(K8SConfiguration file)
    {
        var directory = Path.GetDirectoryName(file.FileName);
        if (directory is null)
        {
            return;
        }

        string? Absolute(string? path) => string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.Combine(directory, path);
        foreach (var cluster in file.Clusters ?? [])
        {
            cluster.ClusterEndpoint?.CertificateAuthority = Absolute(cluster.ClusterEndpoint.CertificateAuthority);
        }

        foreach (var user in file.Users ?? [])
        {
            if (user.UserCredentials is { } credentials)
            {
                credentials.ClientCertificate = Absolute(credentials.ClientCertificate);
                credentials.ClientKey = Absolute(credentials.ClientKey);
            }
        }
    }

    public void Dispose() => (Client as IDisposable)?.Dispose();
}
