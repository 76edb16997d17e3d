namespace Faros.Signing.Policy;

/// <summary>
/// The trust policy's answer for one package: the decision, the verified signer (when a signature verified — also
/// for a signer that is not allowed), and on failure a named reason and a sentence explaining it.
/// </summary>
public sealed record TrustVerdict(TrustDecision Decision, SignerIdentity? Signer, SignatureFailure? Reason, string Message)
{
    public bool IsAllowed => Decision != TrustDecision.Denied;

    public override string ToString() => Reason is null ? $"{Decision}: {Message}" : $"{Decision} ({Reason}): {Message}";
}
