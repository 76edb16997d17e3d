namespace Faros.Sdk;

/// <summary>
/// Optional for a plugin: takes a new configuration while running. When a plugin implements it, the host
/// applies a configuration-only change in place; otherwise it stops the plugin and starts a new instance
/// of the same, already loaded, version.
/// </summary>
public interface IReconfigurablePlugin
{
    /// <summary>Switches to <paramref name="configuration"/>, already validated by the host.</summary>
    ValueTask ReconfigureAsync(PluginConfiguration configuration, CancellationToken cancellationToken);
}
