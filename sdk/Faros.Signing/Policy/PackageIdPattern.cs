using System.Text.RegularExpressions;

namespace Faros.Signing.Policy;

/// <summary>
/// A package-id glob: <c>*</c> matches any run of characters (including dots), <c>?</c> one character; the rest is
/// literal and, like NuGet ids, case-insensitive. "Contoso.*" matches "Contoso.Thermostat" but not "Contoso".
/// </summary>
public sealed class PackageIdPattern
{
    private readonly Regex _regex;

    public PackageIdPattern(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '*' or '?')))
        {
            throw new FormatException(
                $"'{pattern}' is not a package-id pattern: use package-id characters (letters, digits, '.', '-', '_') with '*' and '?' wildcards, e.g. 'Contoso.*'.");
        }

        Text = pattern;
        var body = Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal);
        _regex = new Regex($"^{body}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public string Text { get; }

    public bool Matches(string packageId) => _regex.IsMatch(packageId);

    public override string ToString() => Text;
}
