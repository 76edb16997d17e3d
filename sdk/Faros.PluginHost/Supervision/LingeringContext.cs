namespace Faros.PluginHost.Supervision;

/// <summary>A plugin version whose unloaded context is still in memory.</summary>
/// <param name="Id">Plugin id.</param>
/// <param name="Version">Its version.</param>
/// <param name="Context">Weak reference to the context; it may still be collected later.</param>
public sealed record LingeringContext(string Id, string Version, WeakReference Context);
