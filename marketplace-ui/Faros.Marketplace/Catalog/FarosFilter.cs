using Faros.Marketplace.Registry;

namespace Faros.Marketplace.Catalog;

/// <summary>
/// Re-checks the Faros filters (category, kind, side, verified) on the hits the registry returned. A registry
/// that does not know these filters yet ignores them and answers with everything; without this check a
/// "Protocols" link would list storage plugins. A plugin that does not declare the filtered trait does not match.
/// </summary>
public static class FarosFilter
{
    public static bool HasFilters(SearchQuery query) =>
        query.Category is not null || query.Kind is not null || query.Side is not null || query.VerifiedOnly;

    public static bool Matches(PluginSummary plugin, SearchQuery query)
    {
        var traits = plugin.Faros;
        if (query.VerifiedOnly && !plugin.Verified)
        {
            return false;
        }

        if (query.Category is { } category && !string.Equals(traits.Category, category, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (query.Kind is { } kind && !traits.Kinds.Any(k =>
                string.Equals(k.Kind, kind, StringComparison.OrdinalIgnoreCase) ||
                string.Equals($"{k.Group}/{k.Kind}", kind, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        // A plugin for both sides serves a device-side or hub-side search too.
        return query.Side is not { } side ||
               string.Equals(traits.Side, side, StringComparison.OrdinalIgnoreCase) ||
               string.Equals(traits.Side, "both", StringComparison.OrdinalIgnoreCase);
    }
}
