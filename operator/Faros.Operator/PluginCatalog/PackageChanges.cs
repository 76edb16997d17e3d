namespace Faros.Operator.PluginCatalog;

/// <summary>Packages the registry reported changed; <paramref name="Everything"/> when any may have (a reset or a fresh start).</summary>
public sealed record PackageChanges(IReadOnlySet<string> Ids, bool Everything)
{
    public bool Includes(string packageId) => Everything || Ids.Contains(packageId);
}
