namespace Faros.Signing.Policy;

/// <summary>
/// One signer a policy rule allows: a certificate fingerprint, a public key, or a Sigstore identity. Verifiers may
/// use the list as trust anchors (a NuGet verifier pins certificate fingerprints; a keyed Sigstore verifier looks up
/// the key); the evaluator matches the verified <see cref="SignerIdentity"/> against it.
/// </summary>
public abstract record AllowedSigner
{
    private protected AllowedSigner()
    {
    }

    /// <summary>Whether <paramref name="signer"/> is this allowed signer.</summary>
    public abstract bool Matches(SignerIdentity signer);
}
