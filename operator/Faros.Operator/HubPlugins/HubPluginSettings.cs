namespace Faros.Operator.HubPlugins;

/// <summary>Where the operator keeps hub-side plugins: one cache and one state directory per Agent namespace below these.</summary>
/// <param name="CacheDirectory">Parent of the per-namespace verified-package caches.</param>
/// <param name="StateDirectory">Parent of the per-namespace plugin state directories (<c>{StateDirectory}/{namespace}/{plugin id}</c>).</param>
/// <param name="ServiceIndex">The registry, for pins that come without a download URL.</param>
public sealed record HubPluginSettings(string CacheDirectory, string StateDirectory, Uri ServiceIndex);
