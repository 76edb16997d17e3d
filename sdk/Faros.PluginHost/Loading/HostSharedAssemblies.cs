namespace Faros.PluginHost.Loading;

/// <summary>
/// Assemblies every plugin gets from the host, so types like <c>IFarosPlugin</c>, <c>ILogger</c> and
/// <c>IKubernetes</c> are the same on both sides: Faros.Sdk and its runtime dependency closure
/// (docs/plugin-format.md, "Host-shared assemblies"; the SDK's pack targets leave exactly these out).
/// </summary>
public static class HostSharedAssemblies
{
    /// <summary>Simple names of the shared assemblies.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Faros.Sdk",
        "KubernetesClient",
        "Fractions",
        "YamlDotNet",
        "NuGet.Versioning",
        "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.DependencyInjection.Abstractions",
    };

    /// <summary>True when <paramref name="simpleName"/> resolves from the host.</summary>
    public static bool Contains(string? simpleName) => simpleName is not null && Names.Contains(simpleName);
}
