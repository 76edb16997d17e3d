using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Faros.Cli.Infrastructure;
using Faros.Cli.Kubeconfig;
using Faros.Cli.Registry;
using k8s;
using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace Faros.Cli.Commands.Login;

/// <summary>
/// `kubectl faros login`: checks the token against the hub, then writes a cluster, a user and a context (all named
/// `faros` by default) into the kubeconfig and makes the context current. Nothing is written unless the hub accepted the token.
/// </summary>
public static class LoginCommand
{
    public static Command Create()
    {
        var hubUrl = CommonOptions.Url("--hub-url", "The hub's Kubernetes API server, e.g. https://hub.example.com:6443.", "https://hub.example.com:6443");
        hubUrl.Required = true;
        var token = new Option<string>("--token") { Description = "A bearer token for the hub.", Required = true };
        var certificateAuthority = new Option<FileInfo?>("--certificate-authority")
        {
            Description = "PEM file of the CA that signed the hub's certificate; embedded in the kubeconfig.",
        };
        var insecure = new Option<bool>("--insecure-skip-tls-verify")
        {
            Description = "Do not verify the hub's certificate (test hubs only).",
        };
        var name = new Option<string>("--name")
        {
            Description = "Name of the cluster, user and context written to the kubeconfig.",
            DefaultValueFactory = _ => "faros",
        };
        var namespaceOption = new Option<string?>("--namespace", "-n") { Description = "Default namespace (workspace) of the context." };
        var registry = CommonOptions.Url("--registry", "The Faros plugin registry for this hub (its URL or /v3/index.json), stored in the context for `plugins` commands.", RegistryLocation.Example);

        var command = new Command("login", "Log in to a Faros hub: write a `faros` context into the kubeconfig and make it current.")
        {
            hubUrl, token, certificateAuthority, insecure, name, namespaceOption, registry,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(certificateAuthority) is not null && result.GetValue(insecure))
            {
                result.AddError("--certificate-authority and --insecure-skip-tls-verify exclude each other; pass one.");
            }
        });

        command.SetFarosAction(async invocation =>
        {
            var contextName = invocation.Get(name);
            var server = invocation.Get(hubUrl)!;
            var caFile = invocation.Get(certificateAuthority);
            var caData = caFile is null ? null : ReadCertificateAuthority(caFile);
            var skipVerify = invocation.Get(insecure);

            var cluster = new YamlMappingNode { { "server", server.ToString().TrimEnd('/') } };
            if (caData is not null)
            {
                cluster.Add("certificate-authority-data", caData);
            }

            if (skipVerify)
            {
                cluster.Add("insecure-skip-tls-verify", new YamlScalarNode("true") { Style = YamlDotNet.Core.ScalarStyle.Plain });
            }

            var user = new YamlMappingNode { { "token", invocation.Get(token) } };
            var kubeconfig = KubeconfigSet.Load(invocation.Kubeconfig.Files);
            var context = ContextEntry(kubeconfig.Entry(KubeconfigSections.Contexts, contextName), contextName, invocation.Get(namespaceOption), invocation.Get(registry));

            await VerifyAsync(server, invocation.Get(token), caData, skipVerify, invocation.CancellationToken);

            kubeconfig.SetEntry(KubeconfigSections.Clusters, contextName, cluster);
            kubeconfig.SetEntry(KubeconfigSections.Users, contextName, user);
            kubeconfig.SetEntry(KubeconfigSections.Contexts, contextName, context);
            kubeconfig.SetCurrentContext(contextName);
            var written = kubeconfig.Save();
            await invocation.Out.WriteLineAsync($"Logged in to {server.ToString().TrimEnd('/')}; context \"{contextName}\" is now current ({string.Join(", ", written)}).");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The context entry. Logging in again keeps what the earlier context had (its namespace, other tools' extensions)
    /// unless the command line says otherwise.
    /// </summary>
    private static YamlMappingNode ContextEntry(YamlMappingNode? previous, string name, string? ns, Uri? registry)
    {
        var context = new YamlMappingNode { { "cluster", name }, { "user", name } };
        var keptNamespace = previous is null ? null : KubeconfigDocument.Scalar(previous, "namespace");
        if ((ns ?? keptNamespace) is { } effectiveNamespace)
        {
            context.Add("namespace", effectiveNamespace);
        }

        var extensions = previous is not null && previous.Children.TryGetValue(new YamlScalarNode("extensions"), out var node) && node is YamlSequenceNode existing
            ? new YamlSequenceNode(existing.Children.Where(extension =>
                registry is null || extension is not YamlMappingNode mapping || KubeconfigDocument.Scalar(mapping, "name") != RegistryLocation.ExtensionName))
            : new YamlSequenceNode();
        if (registry is not null)
        {
            foreach (var extension in RegistryLocation.ContextExtension(RegistryLocation.Normalize(registry)))
            {
                extensions.Add(extension);
            }
        }

        if (extensions.Children.Count > 0)
        {
            context.Add("extensions", extensions);
        }

        return context;
    }

    private static string ReadCertificateAuthority(FileInfo file)
    {
        if (!file.Exists)
        {
            throw CliException.Usage($"--certificate-authority {file.FullName} does not exist; pass the hub CA's PEM file.");
        }

        var pem = File.ReadAllText(file.FullName);
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPem(pem);
            if (certificates.Count == 0)
            {
                throw new CliException(ExitCodes.Usage, $"--certificate-authority {file.FullName} holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
            }
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            throw new CliException(ExitCodes.Usage, $"--certificate-authority {file.FullName} is not a PEM certificate: {exception.Message}", exception);
        }

        return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem));
    }

    /// <summary>Asks the hub for its API groups, which only an authenticated caller may list, so a bad token fails here.</summary>
    private static async Task VerifyAsync(Uri server, string token, string? caData, bool skipVerify, CancellationToken cancellationToken)
    {
        var configuration = new K8SConfiguration
        {
            CurrentContext = "login",
            Clusters = [new Cluster { Name = "login", ClusterEndpoint = new ClusterEndpoint { Server = server.ToString(), CertificateAuthorityData = caData, SkipTlsVerify = skipVerify } }],
            Users = [new User { Name = "login", UserCredentials = new UserCredentials { Token = token } }],
            Contexts = [new Context { Name = "login", ContextDetails = new ContextDetails { Cluster = "login", User = "login" } }],
        };
        var clientConfiguration = KubernetesClientConfiguration.BuildConfigFromConfigObject(configuration);
        clientConfiguration.HttpClientTimeout = TimeSpan.FromSeconds(30);
        using var client = new Kubernetes(clientConfiguration);
        try
        {
            await client.Apis.GetAPIVersionsAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw FailureTranslator.Translate(exception, server.ToString().TrimEnd('/'));
        }
    }
}
