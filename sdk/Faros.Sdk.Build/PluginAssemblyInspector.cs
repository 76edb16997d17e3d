using System.Reflection;
using System.Runtime.Loader;
using Faros.Sdk.Manifest;

namespace Faros.Sdk.Build;

/// <summary>
/// Reads plugin facts from the built assembly through attribute and type metadata only (no plugin code runs).
/// Types are matched by name, not identity, because the plugin's copy of Faros.Sdk is not this tool's.
/// </summary>
internal static class PluginAssemblyInspector
{
    private const string PluginInterface = "Faros.Sdk.IFarosPlugin";
    private const string ReconcilerBase = "Faros.Sdk.Reconciliation.Reconciler`1";
    private const string EntityAttribute = "k8s.Models.KubernetesEntityAttribute";

    public static PluginAssemblyFacts Inspect(string assemblyPath)
    {
        var context = new PluginLoadContext(assemblyPath);
        try
        {
            var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
            var sdk = assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == "Faros.Sdk");
            var types = LoadableTypes(assembly);

            var pluginTypes = types
                .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.GetInterfaces().Any(i => i.FullName == PluginInterface))
                .Select(t => t.FullName!)
                .Order(StringComparer.Ordinal)
                .ToArray();

            var kinds = types
                .Where(t => t is { IsClass: true, IsAbstract: false })
                .Select(ReconciledResourceType)
                .OfType<Type>()
                .Distinct()
                .Select(KindOf)
                .OfType<PluginKind>()
                .ToArray();

            return new PluginAssemblyFacts(sdk?.Version, pluginTypes, kinds);
        }
        finally
        {
            context.Unload();
        }
    }

    private static Type[] LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>().ToArray();
        }
    }

    private static Type? ReconciledResourceType(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition().FullName == ReconcilerBase)
            {
                return current.GetGenericArguments()[0];
            }
        }

        return null;
    }

    private static PluginKind? KindOf(Type resourceType)
    {
        var entity = resourceType.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == EntityAttribute);
        if (entity is null)
        {
            // Still a kind; the validator names the missing group/version/kind.
            return new PluginKind { Kind = resourceType.Name };
        }

        string? Named(string name) => entity.NamedArguments.FirstOrDefault(a => a.MemberName == name).TypedValue.Value as string;
        var kind = Named("Kind");
        var plural = Named("PluralName");
        return new PluginKind
        {
            Group = Named("Group"),
            Version = Named("ApiVersion"),
            Kind = kind,
            Plural = string.IsNullOrEmpty(plural) ? kind?.ToLowerInvariant() + "s" : plural,
        };
    }

    /// <summary>Resolves the plugin's dependencies from its output folder, where the targets copy them all.</summary>
    private sealed class PluginLoadContext(string assemblyPath) : AssemblyLoadContext("faros-manifest-inspection", isCollectible: true)
    {
        private readonly string _directory = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var candidate = Path.Combine(_directory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
