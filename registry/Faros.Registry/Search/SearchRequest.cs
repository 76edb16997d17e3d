using System.Globalization;
using Faros.Registry.Metadata;
using Microsoft.Extensions.Primitives;

namespace Faros.Registry.Search;

/// <summary>
/// Reads the search and autocomplete query strings. Understands nuget.org's field syntax for the filters
/// that matter here (owner:, id:, packageid:); other field prefixes are searched as plain words.
/// </summary>
public static class SearchRequest
{
    public const int MaxTake = 1000;

    public static (SearchQuery? Query, string? Error) Parse(IQueryCollection query)
    {
        if (!TryInt(query["skip"], 0, "skip", out var skip, out var error) || !TryInt(query["take"], 20, "take", out var take, out error))
        {
            return (null, error);
        }

        if (!TryBool(query["prerelease"], "prerelease", out var prerelease, out error))
        {
            return (null, error);
        }

        var terms = new List<string>();
        string? owner = null;
        string? idFilter = null;
        foreach (var token in Tokenize(query["q"].ToString()))
        {
            var colon = token.IndexOf(':');
            var field = colon > 0 ? token[..colon].ToLowerInvariant() : "";
            var value = colon > 0 ? token[(colon + 1)..] : token;
            switch (field)
            {
                case "owner":
                    owner = value;
                    break;
                case "id" or "packageid":
                    idFilter = value;
                    break;
                default:
                    terms.AddRange(value.Split(['.', '-', '_', ' '], StringSplitOptions.RemoveEmptyEntries));
                    break;
            }
        }

        var sortText = query["sortBy"].ToString();
        SearchSort sort;
        if (sortText.Length == 0)
        {
            sort = terms.Count > 0 ? SearchSort.Relevance : SearchSort.Downloads;
        }
        else if (!Enum.TryParse(sortText, ignoreCase: true, out sort) || !Enum.IsDefined(sort))
        {
            return (null, $"sortBy '{sortText}' is not one of relevance, downloads, published, id.");
        }

        var side = NullIfEmpty(query["side"])?.ToLowerInvariant();
        if (side is not null and not ("device" or "hub" or "both"))
        {
            return (null, $"side '{side}' is not one of device, hub, both.");
        }

        if (!TryBool(query["verified"], "verified", out var verifiedOnly, out error))
        {
            return (null, error);
        }

        var category = NullIfEmpty(query["category"]);
        var kind = NullIfEmpty(query["kind"]);
        return (new SearchQuery
        {
            Plugin = category is null && kind is null && side is null && !verifiedOnly ? null : new PluginFilter(category, kind, side, verifiedOnly),
            Terms = terms,
            Owner = owner,
            IdFilter = idFilter,
            PackageType = NullIfEmpty(query["packageType"]),
            IncludePrerelease = prerelease,
            IncludeSemVer2 = IncludesSemVer2(query["semVerLevel"]),
            Sort = sort,
            Skip = skip,
            Take = take,
        }, null);
    }

    public static (AutocompleteQuery? Query, string? Error) ParseAutocomplete(IQueryCollection query)
    {
        if (!TryInt(query["skip"], 0, "skip", out var skip, out var error) || !TryInt(query["take"], 20, "take", out var take, out error))
        {
            return (null, error);
        }

        if (!TryBool(query["prerelease"], "prerelease", out var prerelease, out error))
        {
            return (null, error);
        }

        return (new AutocompleteQuery(query["q"].ToString().Trim(), prerelease, IncludesSemVer2(query["semVerLevel"]), NullIfEmpty(query["packageType"]), skip, take), null);
    }

    public static bool IncludesSemVer2(StringValues semVerLevel) =>
        NuGet.Versioning.NuGetVersion.TryParse(semVerLevel.ToString(), out var level) && level.Major >= 2;

    public static bool TryBool(StringValues value, string name, out bool result, out string? error)
    {
        error = null;
        result = false;
        if (StringValues.IsNullOrEmpty(value) || bool.TryParse(value.ToString(), out result))
        {
            return true;
        }

        error = $"{name} must be true or false, not '{value}'.";
        return false;
    }

    private static bool TryInt(StringValues value, int fallback, string name, out int result, out string? error)
    {
        error = null;
        result = fallback;
        if (StringValues.IsNullOrEmpty(value))
        {
            return true;
        }

        if (int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out result) && result >= 0 && (name != "take" || result <= MaxTake))
        {
            return true;
        }

        error = name == "take" ? $"take must be a whole number from 0 to {MaxTake}." : $"{name} must be a whole number, 0 or more.";
        return false;
    }

    private static IEnumerable<string> Tokenize(string q)
    {
        // Quoted phrases stay whole; the rest splits on white space.
        var inQuotes = false;
        var current = new System.Text.StringBuilder();
        foreach (var character in q)
        {
            if (character == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (char.IsWhiteSpace(character) && !inQuotes)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }
            }
            else
            {
                current.Append(character);
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static string? NullIfEmpty(StringValues value) => StringValues.IsNullOrEmpty(value) || string.IsNullOrWhiteSpace(value) ? null : value.ToString().Trim();
}
