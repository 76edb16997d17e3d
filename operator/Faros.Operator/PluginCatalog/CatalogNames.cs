namespace Faros.Operator.PluginCatalog;

/// <summary>
/// How a plugin reference without a package id finds its package in the catalog: the id is the name, or ends
/// with "." and the name (e.g. "wireguard" finds "Contoso.WireGuard").
/// </summary>
public static class CatalogNames
{
    public static bool Matches(string packageId, string name) =>
        packageId.Equals(name, StringComparison.OrdinalIgnoreCase) || packageId.EndsWith("." + name, StringComparison.OrdinalIgnoreCase);
}
