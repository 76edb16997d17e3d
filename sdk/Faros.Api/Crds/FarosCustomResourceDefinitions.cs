using System.Reflection;
using k8s;
using k8s.Models;

namespace Faros.Api.Crds;

/// <summary>The CRDs of operator/config/crd, embedded in this assembly so code can install exactly what is deployed.</summary>
public static class FarosCustomResourceDefinitions
{
    private const string ResourcePrefix = "crds/";

    /// <summary>Every Faros CRD, parsed.</summary>
    public static IReadOnlyList<V1CustomResourceDefinition> All { get; } = Load();

    /// <summary>The YAML of every Faros CRD, keyed by file name (e.g. edge.faros.sh_agents.yaml).</summary>
    public static IReadOnlyDictionary<string, string> Yaml { get; } = ReadYaml();

    private static Dictionary<string, string> ReadYaml()
    {
        var assembly = typeof(FarosCustomResourceDefinitions).Assembly;
        var yaml = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yaml[name[ResourcePrefix.Length..]] = reader.ReadToEnd();
        }

        return yaml.Count > 0
            ? yaml
            : throw new InvalidOperationException($"{assembly.GetName().Name} embeds no CRDs; it must be built with operator/config/crd/*.yaml.");
    }

    private static List<V1CustomResourceDefinition> Load() =>
        ReadYaml().Select(entry => KubernetesYaml.Deserialize<V1CustomResourceDefinition>(entry.Value)
            ?? throw new InvalidOperationException($"CRD {entry.Key} is empty.")).ToList();

    /// <summary>The CRD that defines <typeparamref name="T"/>.</summary>
    public static V1CustomResourceDefinition For<T>()
    {
        var kind = Faros.Sdk.Reconciliation.ResourceKind.Of<T>();
        return All.Single(crd => crd.Spec.Group == kind.Group && crd.Spec.Names.Plural == kind.Plural);
    }
}
