using System.Globalization;
using System.Text;

namespace Faros.Marketplace.Registry;

/// <summary>A search as the registry understands it; filters that are null are not sent.</summary>
public sealed record SearchQuery
{
    public string? Text { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 20;
    public bool Prerelease { get; init; }
    public string? PackageType { get; init; }
    public string? SortBy { get; init; }
    public string? Category { get; init; }
    public string? Kind { get; init; }
    public string? Side { get; init; }
    public bool VerifiedOnly { get; init; }

    /// <summary>The query string, in a fixed order so equal searches share one cache entry.</summary>
    public string ToQueryString()
    {
        var builder = new StringBuilder();
        Append(builder, "q", Text ?? "");
        Append(builder, "skip", Skip.ToString(CultureInfo.InvariantCulture));
        Append(builder, "take", Take.ToString(CultureInfo.InvariantCulture));
        Append(builder, "prerelease", Prerelease ? "true" : "false");
        Append(builder, "semVerLevel", "2.0.0");
        Append(builder, "packageType", PackageType);
        Append(builder, "sortBy", SortBy);
        Append(builder, "category", Category);
        Append(builder, "kind", Kind);
        Append(builder, "side", Side);
        if (VerifiedOnly)
        {
            Append(builder, "verified", "true");
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        builder.Append(builder.Length == 0 ? '?' : '&')
               .Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}
