using System.CommandLine;
using Faros.Cli.Infrastructure;
using Faros.Cli.Kubeconfig;
using YamlDotNet.RepresentationModel;

namespace Faros.Cli.Registry;

/// <summary>
/// Where the plugin registry is: --registry, else $FAROS_REGISTRY, else the `faros.sh/registry` extension of the
/// kubeconfig context (written by `login --registry`). Always the NuGet service index (…/v3/index.json).
/// </summary>
public static class RegistryLocation
{
    public const string EnvironmentVariable = "FAROS_REGISTRY";
    public const string ExtensionName = "faros.sh/registry";

    public const string Example = "https://registry.example.com/v3/index.json";

    public static Option<Uri?> Option() => CommonOptions.Url(
        "--registry",
        $"The Faros plugin registry (its URL or /v3/index.json). Default: ${EnvironmentVariable}, then the context's {ExtensionName} extension.",
        Example);

    public static Uri Resolve(Invocation invocation, Option<Uri?> option)
    {
        if (invocation.ParseResult.GetValue(option) is { } explicitUrl)
        {
            return Normalize(explicitUrl);
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } variable)
        {
            return Uri.TryCreate(variable, UriKind.Absolute, out var fromVariable)
                ? Normalize(fromVariable)
                : throw CliException.Usage($"{EnvironmentVariable}='{variable}' is not a URL; set it to the registry's URL, e.g. {Example}.");
        }

        if (FromKubeconfig(invocation.Kubeconfig) is { } fromContext)
        {
            return fromContext;
        }

        throw CliException.Usage(
            $"No registry is configured. Pass --registry URL, set {EnvironmentVariable}, or run `kubectl faros login ... --registry URL` to store it in the context.");
    }

    /// <summary>A bare server URL gets the service index path; an index URL is kept.</summary>
    public static Uri Normalize(Uri url)
    {
        if (url.AbsolutePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return url;
        }

        var root = url.ToString().TrimEnd('/');
        return new Uri(root + "/v3/index.json");
    }

    /// <summary>The context's extensions list carrying the registry URL.</summary>
    public static YamlSequenceNode ContextExtension(Uri serviceIndex) =>
    [
        new YamlMappingNode
        {
            { "name", ExtensionName },
            { "extension", new YamlMappingNode { { "url", serviceIndex.ToString() } } },
        },
    ];

    private static Uri? FromKubeconfig(KubeconfigSelection selection)
    {
        if (selection.Files.Existing.Count == 0)
        {
            return null;
        }

        var kubeconfig = KubeconfigSet.Load(selection.Files);
        var contextName = selection.Context ?? kubeconfig.CurrentContext;
        if (contextName is null || kubeconfig.Entry(KubeconfigSections.Contexts, contextName) is not { } context
            || !context.Children.TryGetValue(new YamlScalarNode("extensions"), out var node) || node is not YamlSequenceNode extensions)
        {
            return null;
        }

        var url = extensions.Children.OfType<YamlMappingNode>()
            .Where(extension => KubeconfigDocument.Scalar(extension, "name") == ExtensionName)
            .Select(extension => extension.Children.TryGetValue(new YamlScalarNode("extension"), out var value) && value is YamlMappingNode body ? KubeconfigDocument.Scalar(body, "url") : null)
            .FirstOrDefault(value => value is not null);
        return url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Normalize(uri) : null;
    }
}
