using System.Text.RegularExpressions;

namespace Faros.Signing.Policy;

/// <summary>
/// Allows Sigstore keyless signatures whose Fulcio certificate names this OIDC issuer and subject. The subject is
/// exact, or a regular expression that must match the whole SAN (it is anchored, so "alice@.*" does not match
/// "mallory-alice@x").
/// </summary>
public sealed record SigstoreIdentitySigner : AllowedSigner
{
    private readonly Regex? _subjectRegex;

    public SigstoreIdentitySigner(string issuer, string? subject = null, string? subjectRegex = null)
    {
        if (string.IsNullOrWhiteSpace(issuer))
        {
            throw new FormatException("A Sigstore identity needs an 'issuer' (the OIDC issuer URL, e.g. https://token.actions.githubusercontent.com).");
        }

        if ((subject is null) == (subjectRegex is null))
        {
            throw new FormatException($"The Sigstore identity for issuer '{issuer}' needs exactly one of 'subject' (exact SAN) or 'subjectRegex'.");
        }

        Issuer = issuer;
        Subject = subject;
        SubjectRegex = subjectRegex;
        if (subjectRegex is not null)
        {
            try
            {
                _subjectRegex = new Regex($@"\A(?:{subjectRegex})\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"The subjectRegex '{subjectRegex}' is not a valid regular expression: {e.Message}", e);
            }
        }
    }

    public string Issuer { get; }

    public string? Subject { get; }

    public string? SubjectRegex { get; }

    public bool MatchesIssuer(SignerIdentity signer) => string.Equals(signer.Issuer, Issuer, StringComparison.Ordinal);

    public override bool Matches(SignerIdentity signer) =>
        MatchesIssuer(signer)
        && signer.SubjectAlternativeName is { } san
        && (Subject is not null ? string.Equals(san, Subject, StringComparison.Ordinal) : _subjectRegex!.IsMatch(san));

    public bool Equals(SigstoreIdentitySigner? other) =>
        other is not null && other.Issuer == Issuer && other.Subject == Subject && other.SubjectRegex == SubjectRegex;

    public override int GetHashCode() => HashCode.Combine(Issuer, Subject, SubjectRegex);

    public override string ToString() => $"sigstore identity {Subject ?? "/" + SubjectRegex + "/"} from {Issuer}";
}
