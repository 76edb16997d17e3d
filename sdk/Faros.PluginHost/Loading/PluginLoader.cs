using System.Runtime.CompilerServices;
using Faros.PluginHost.Caching;
using Faros.PluginHost.Verification;
using Faros.Sdk;
using Faros.Sdk.Manifest;

namespace Faros.PluginHost.Loading;

/// <summary>Loads a verified, cached plugin into a fresh collectible context and unloads it again.</summary>
internal static class PluginLoader
{
    /// <summary>Loads the entry assembly and finds the plugin type; creates no instance yet.</summary>
    public static LoadedPlugin Load(string packageName, CacheEntry entry, PluginManifest manifest, string signer, CollectibleContextTracker tracker)
    {
        var entryAssembly = Path.Combine(entry.ContentDirectory, PluginPackageConventions.LibFolder, manifest.EntryAssembly!);
        var context = new PluginLoadContext(packageName, entryAssembly);
        tracker.Track(context);
        try
        {
            var assembly = context.LoadFromAssemblyPath(entryAssembly);
            var type = assembly.GetType(manifest.PluginType!, throwOnError: false);
            if (type is null || !type.IsPublic || type.IsAbstract || !typeof(IFarosPlugin).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new PluginRefusedException(packageName, RefusalReason.PluginTypeInvalid,
                    $"{manifest.EntryAssembly} has no public class {manifest.PluginType} implementing Faros.Sdk.IFarosPlugin (from the host's Faros.Sdk) with a public parameterless constructor.");
            }

            return new LoadedPlugin(context, type, manifest, entry, signer);
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    /// <summary>Creates a new instance of the plugin type.</summary>
    public static IFarosPlugin CreateInstance(LoadedPlugin loaded) =>
        (IFarosPlugin)Activator.CreateInstance(loaded.PluginType)!;

    /// <summary>
    /// Starts unloading and drops the host's last references, returning only a weak one to watch collection.
    /// Not inlined so no caller's frame keeps the context reachable.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WeakReference BeginUnload(LoadedPlugin loaded)
    {
        var weak = new WeakReference(loaded.Context);
        loaded.Instance = null;
        loaded.PluginContext = null;
        loaded.Reconcilers = null;
        loaded.Context.Unload();
        return weak;
    }
}
