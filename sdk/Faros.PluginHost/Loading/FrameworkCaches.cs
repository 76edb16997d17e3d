using System.Reflection;
using System.Reflection.Metadata;
using System.Text.Json;

namespace Faros.PluginHost.Loading;

/// <summary>
/// Empties framework caches that hold on to types of unloaded plugins. System.Text.Json keeps generated
/// property accessors in a process-wide cache that only expires while serialization keeps running, which
/// would keep an idle host from ever collecting a plugin's context. The framework exposes the clearing through
/// its hot-reload hook (<see cref="MetadataUpdateHandlerAttribute"/> types with a static <c>ClearCache(Type[]?)</c>),
/// the documented contract this calls.
/// </summary>
internal static class FrameworkCaches
{
    private static readonly MethodInfo[] ClearMethods = FindClearMethods(typeof(JsonSerializer).Assembly);

    public static void Clear()
    {
        foreach (var clear in ClearMethods)
        {
            clear.Invoke(null, [null]);
        }
    }

    private static MethodInfo[] FindClearMethods(Assembly assembly) =>
        assembly.GetCustomAttributes<MetadataUpdateHandlerAttribute>()
            .Select(a => a.HandlerType.GetMethod("ClearCache", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(Type[])]))
            .OfType<MethodInfo>()
            .ToArray();
}
