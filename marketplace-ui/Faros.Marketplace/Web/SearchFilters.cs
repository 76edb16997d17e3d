using System.Text;
using Faros.Marketplace.Registry;

namespace Faros.Marketplace.Web;

/// <summary>
/// The search page's state, read from and written to its GET query string so every search is a shareable URL.
/// Unknown or out-of-range values fall back to defaults instead of failing: URLs get hand-edited and shared.
/// </summary>
public sealed record SearchFilters
{
    public const int PageSize = 20;

    /// <summary>Deep paging is what scrapers do; people refine the query instead.</summary>
    public const int MaxPage = 500;

    /// <summary>The <c>type</c> value that searches every package, not only plugins.</summary>
    public const string AnyType = "any";

    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
    [
        ("relevance", "Relevance"), ("downloads", "Most downloaded"), ("published", "Recently published"), ("id", "Name"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> Sides =
    [
        ("", "Any"), ("device", "Device agents"), ("hub", "Hub"), ("both", "Device and hub"),
    ];

    public string Query { get; init; } = "";
    public string? Category { get; init; }
    public string? Kind { get; init; }
    public string? Side { get; init; }
    public bool Verified { get; init; }
    public bool Prerelease { get; init; }

    /// <summary>Package type to search; null searches the plugin type, <see cref="AnyType"/> every type.</summary>
    public string? Type { get; init; }

    public string Sort { get; init; } = "relevance";
    public int Page { get; init; } = 1;

    public bool HasFilters => Category is not null || Kind is not null || Side is not null || Verified || Prerelease || Type is not null;

    public static SearchFilters From(IQueryCollection query)
    {
        var sort = Text(query["sort"]);
        var side = Text(query["side"])?.ToLowerInvariant();
        return new SearchFilters
        {
            Query = Text(query["q"]) ?? "",
            Category = Text(query["category"]),
            Kind = Text(query["kind"]),
            Side = Sides.Any(s => s.Value == side && s.Value.Length > 0) ? side : null,
            Verified = Flag(query["verified"]),
            Prerelease = Flag(query["prerelease"]),
            Type = Text(query["type"]),
            Sort = Sorts.Any(s => s.Value == sort) ? sort! : "relevance",
            Page = int.TryParse(query["page"], out var page) ? Math.Clamp(page, 1, MaxPage) : 1,
        };
    }

    public SearchQuery ToQuery(string pluginPackageType) => new()
    {
        Text = Query,
        Skip = (Page - 1) * PageSize,
        Take = PageSize,
        Prerelease = Prerelease,
        PackageType = Type switch
        {
            null => pluginPackageType,
            AnyType => null,
            var other => other,
        },
        // Relevance is the registry's default; leaving it out keeps URLs to older registries valid.
        SortBy = Sort == "relevance" ? null : Sort,
        Category = Category,
        Kind = Kind,
        Side = Side,
        VerifiedOnly = Verified,
    };

    /// <summary>This search's URL, optionally on another page; defaults are left out to keep links short.</summary>
    public string Url(int? page = null)
    {
        var builder = new StringBuilder("/search");
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                builder.Append(builder.Length == "/search".Length ? '?' : '&')
                       .Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        Add("q", Query);
        Add("category", Category);
        Add("kind", Kind);
        Add("side", Side);
        Add("verified", Verified ? "true" : null);
        Add("prerelease", Prerelease ? "true" : null);
        Add("type", Type);
        Add("sort", Sort == "relevance" ? null : Sort);
        var target = page ?? Page;
        Add("page", target > 1 ? target.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return builder.ToString();
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Flag(string? value) => value is "true" or "on" or "1";
}
