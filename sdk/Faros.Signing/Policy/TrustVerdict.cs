namespace Faros.Signing.Policy;

/// <summary>
/// The trust policy's answer for one package: the decision, the verified signer (when a signature verified — also
/// for a signer that is not allowed), and on failure a named reason and a sentence explaining it.
/// </summary>
public sealed record TrustVerdict(TrustDecision Decision, SignerIdentity? Signer, SignatureFailure? Reason, string Message)
{
    public bool IsAllowed => Decision != TrustDecision.Denied;

    /// <summary>
    /// The signature itself is sound but its signer is not one the rule allows (a registry answers 403); otherwise a
    /// failure means a missing or broken signature (400).
    /// </summary>
    public bool IsSignerRejected => Reason is SignatureFailure.SignerNotAllowed or SignatureFailure.IdentityMismatch
        or SignatureFailure.IssuerMismatch or SignatureFailure.UnknownKey;

    public override string ToString() => Reason is null ? $"{Decision}: {Message}" : $"{Decision} ({Reason}): {Message}";
}
