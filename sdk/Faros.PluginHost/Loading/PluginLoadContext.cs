using System.Reflection;
using System.Runtime.Loader;

namespace Faros.PluginHost.Loading;

/// <summary>
/// A collectible context for one plugin version. Host-shared assemblies come from the host; everything else
/// from the plugin's own <c>lib/net10.0/</c> through its deps.json (managed and native); the .NET framework
/// from the default context. An assembly that is none of these fails to load rather than silently binding
/// to whatever the host happens to carry.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly IReadOnlySet<string> FrameworkAssemblies = ReadFrameworkAssemblies();

    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _libDirectory;

    public PluginLoadContext(string name, string entryAssemblyPath)
        : base(name, isCollectible: true)
    {
        _resolver = new AssemblyDependencyResolver(entryAssemblyPath);
        _libDirectory = Path.GetDirectoryName(entryAssemblyPath)!;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (HostSharedAssemblies.Contains(assemblyName.Name))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null)
        {
            var local = Path.Combine(_libDirectory, assemblyName.Name + ".dll");
            path = File.Exists(local) ? local : null;
        }

        if (path is not null)
        {
            return LoadFromAssemblyPath(path);
        }

        if (FrameworkAssemblies.Count == 0 || FrameworkAssemblies.Contains(assemblyName.Name!))
        {
            return null;
        }

        throw new FileNotFoundException(
            $"The plugin needs {assemblyName.FullName}, which it does not bundle and the host does not share. Fix: pack the plugin with the Faros SDK so its dependencies are bundled.");
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    /// <summary>
    /// Names of the shared framework's assemblies (from the trusted platform list, limited to the runtime
    /// directory). Empty in a single-file host, where the list is unavailable and the framework check is skipped.
    /// </summary>
    private static IReadOnlySet<string> ReadFrameworkAssemblies()
    {
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var coreLibrary = trusted.FirstOrDefault(p => Path.GetFileName(p) == "System.Private.CoreLib.dll");
        if (coreLibrary is null)
        {
            return new HashSet<string>();
        }

        // shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll: the root covers every shared framework.
        var frameworkRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(coreLibrary)))!;
        return trusted
            .Where(p => p.StartsWith(frameworkRoot, StringComparison.Ordinal))
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
