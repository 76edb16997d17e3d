using Faros.Marketplace.Registry.Wire;

namespace Faros.Marketplace.Catalog;

/// <summary>Why a version is deprecated, in words, and the suggested replacement if any.</summary>
public sealed record Deprecation(IReadOnlyList<string> Reasons, string? Message, string? AlternateId)
{
    public string ReasonText => Reasons.Count == 0
        ? "Deprecated"
        : string.Join(", ", Reasons.Select(Describe));

    public static Deprecation? From(DeprecationDocument? document) =>
        document is null
            ? null
            : new Deprecation(document.Reasons, string.IsNullOrWhiteSpace(document.Message) ? null : document.Message,
                document.AlternatePackage?.Id is { Length: > 0 } alt ? alt : null);

    // NuGet's reason codes are PascalCase identifiers; people read "critical bugs", "legacy", "other".
    private static string Describe(string reason) => reason switch
    {
        "CriticalBugs" => "critical bugs",
        "Legacy" => "legacy",
        "Other" => "other",
        _ => reason,
    };
}
