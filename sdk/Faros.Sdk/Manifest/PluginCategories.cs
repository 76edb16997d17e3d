namespace Faros.Sdk.Manifest;

/// <summary>Marketplace categories a manifest's <c>category</c> may take.</summary>
public static class PluginCategories
{
    /// <summary>Every accepted category.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["networking", "runtime", "monitoring", "storage", "security", "devices", "integration", "other"];
}
