using Faros.Marketplace.Registry.Wire;

namespace Faros.Marketplace.Catalog;

/// <summary>
/// What makes a package a Faros plugin beyond NuGet metadata: category, kinds, side, SDK range, platforms and
/// permissions. Empty when the registry sent no <c>faros</c> object, and the pages then simply leave it out.
/// </summary>
public sealed record FarosTraits(
    string? Category,
    IReadOnlyList<PluginKind> Kinds,
    IReadOnlyList<string> Crds,
    string? Side,
    string? SdkRange,
    IReadOnlyList<string> Runtimes,
    IReadOnlyList<string> Permissions)
{
    public static readonly FarosTraits None = new(null, [], [], null, null, [], []);

    public bool IsEmpty => this == None ||
        (Category is null && Kinds.Count == 0 && Crds.Count == 0 && Side is null && SdkRange is null &&
         Runtimes.Count == 0 && Permissions.Count == 0);

    /// <summary>"device", "hub" or "both" as a phrase a person reads.</summary>
    public string? SideLabel => Side?.ToLowerInvariant() switch
    {
        "device" => "Device agents",
        "hub" => "Hub",
        "both" => "Device agents and hub",
        null or "" => null,
        var other => other,
    };

    public static FarosTraits From(FarosMetadataDocument? document)
    {
        if (document is null)
        {
            return None;
        }

        return new FarosTraits(
            Category: Blank(document.Category),
            Kinds: [.. (document.Kinds ?? []).Where(k => !string.IsNullOrWhiteSpace(k.Kind))
                                            .Select(k => new PluginKind(k.Kind!, Blank(k.Group), Blank(k.Version)))],
            Crds: JsonText.DescribeAll(document.Crds),
            Side: Blank(document.Side),
            SdkRange: Blank(document.SdkRange),
            Runtimes: JsonText.DescribeAll(document.Runtimes),
            Permissions: PermissionText.DescribeAll(document.Permissions));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
