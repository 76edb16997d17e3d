using Faros.PluginHost.Caching;
using Faros.PluginHost.Reconciling;
using Faros.Sdk;
using Faros.Sdk.Manifest;

namespace Faros.PluginHost.Loading;

/// <summary>A plugin version loaded into its own context, with its current instance.</summary>
internal sealed class LoadedPlugin(PluginLoadContext context, Type pluginType, PluginManifest manifest, CacheEntry entry, string signer)
{
    public PluginLoadContext Context { get; } = context;

    /// <summary>The manifest's plugin type, kept to make a fresh instance without loading again.</summary>
    public Type PluginType { get; } = pluginType;

    public PluginManifest Manifest { get; } = manifest;

    public CacheEntry Entry { get; } = entry;

    public string Signer { get; } = signer;

    /// <summary>The running instance; null between instances.</summary>
    public IFarosPlugin? Instance { get; set; }

    /// <summary>The context running <see cref="Instance"/>.</summary>
    public PluginContext? PluginContext { get; set; }

    /// <summary>The reconcilers of <see cref="Instance"/> once it started.</summary>
    public PluginReconcilers? Reconcilers { get; set; }
}
