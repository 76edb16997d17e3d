namespace Faros.Signing.Policy;

/// <summary>Decides whether a proven signer is among a rule's allowed signers, naming how it differs when not.</summary>
internal static class SignerMatching
{
    /// <summary>Null when <paramref name="signer"/> is allowed; otherwise the reason and a message.</summary>
    public static (SignatureFailure Reason, string Message)? Mismatch(SignerIdentity signer, IReadOnlyList<AllowedSigner> allowed)
    {
        if (allowed.Any(candidate => candidate.Matches(signer)))
        {
            return null;
        }

        var identities = allowed.OfType<SigstoreIdentitySigner>().ToList();
        if (signer.Issuer is not null && identities.Count > 0)
        {
            var sameIssuer = identities.Where(identity => identity.MatchesIssuer(signer)).ToList();
            return sameIssuer.Count == 0
                ? (SignatureFailure.IssuerMismatch,
                    $"The signing certificate was issued for an identity from '{signer.Issuer}'; allowed issuers are {string.Join(", ", identities.Select(identity => identity.Issuer).Distinct())}.")
                : (SignatureFailure.IdentityMismatch,
                    $"The signer '{signer.SubjectAlternativeName}' from '{signer.Issuer}' is not an allowed identity ({string.Join("; ", sameIssuer)}).");
        }

        return (SignatureFailure.SignerNotAllowed, $"The package is signed by {signer.DisplayName}, who is not an allowed signer ({string.Join("; ", allowed)}).");
    }
}
