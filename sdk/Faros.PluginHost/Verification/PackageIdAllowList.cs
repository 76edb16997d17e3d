using System.Text.RegularExpressions;

namespace Faros.PluginHost.Verification;

/// <summary>
/// A trust check for unsigned set-ups (development, air-gapped labs): allows packages whose id matches one of
/// the patterns (<c>Acme.*</c> or an exact id, case-insensitive) and refuses every other package.
/// It ignores signatures; use the signing library's policy where packages are signed.
/// </summary>
public sealed class PackageIdAllowList : IPluginTrustCheck
{
    private readonly string[] _patterns;
    private readonly Regex[] _matchers;

    /// <summary>Creates the list; at least one pattern.</summary>
    public PackageIdAllowList(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        _patterns = patterns.Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        if (_patterns.Length == 0)
        {
            throw new ArgumentException("An allow list needs at least one id pattern, e.g. 'Acme.*'.", nameof(patterns));
        }

        _matchers = _patterns
            .Select(p => new Regex("^" + Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            .ToArray();
    }

    /// <inheritdoc />
    public ValueTask<TrustDecision> CheckAsync(TrustCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var match = Array.FindIndex(_matchers, m => m.IsMatch(candidate.Id));
        return ValueTask.FromResult(match >= 0
            ? TrustDecision.Allow($"allow-list:{_patterns[match]}")
            : TrustDecision.Refuse(
                $"{candidate.Id} matches no allowed id pattern ({string.Join(", ", _patterns)}). Fix: add its id to the trusted plugins, or sign it under the trust policy."));
    }
}
