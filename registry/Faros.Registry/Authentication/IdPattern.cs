using System.Text.RegularExpressions;

namespace Faros.Registry.Authentication;

/// <summary>A case-insensitive package-id glob: '*' matches any run of characters, so "Contoso.*" covers "Contoso.Thermostat".</summary>
public sealed class IdPattern
{
    private readonly Regex regex;

    public IdPattern(string glob)
    {
        if (string.IsNullOrWhiteSpace(glob))
        {
            throw new ArgumentException("An id pattern cannot be empty; use '*' for every id.", nameof(glob));
        }

        Glob = glob.Trim();
        regex = new Regex(
            "^" + Regex.Escape(Glob).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            // Interpreted: patterns are built per key lookup, and compiling one costs more than a lifetime of matches.
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public string Glob { get; }

    public bool Matches(string packageId) => regex.IsMatch(packageId);

    public static IReadOnlyList<IdPattern> ParseList(string commaSeparated) =>
        Parsed.Count < 4096
            ? Parsed.GetOrAdd(commaSeparated, Parse)
            : Parse(commaSeparated);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<IdPattern>> Parsed = new(StringComparer.Ordinal);

    private static IReadOnlyList<IdPattern> Parse(string commaSeparated) =>
        commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(glob => new IdPattern(glob))
            .ToList();

    public override string ToString() => Glob;
}
