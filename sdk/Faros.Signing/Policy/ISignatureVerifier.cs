namespace Faros.Signing.Policy;

/// <summary>
/// Verifies one kind of package signature (<see cref="SignatureKinds"/>). The trust policy evaluator composes
/// one verifier per kind: it asks each accepted kind to prove a signer, then matches that signer against the
/// policy's allowed signers. A verifier proves integrity and chain/log trust; it does not decide who is allowed.
/// </summary>
public interface ISignatureVerifier
{
    /// <summary>The signature kind this verifier handles, as written in a policy (e.g. "sigstore", "nuget").</summary>
    string Kind { get; }

    /// <summary>
    /// Verifies the package's signature of this kind. Returns <see cref="SignatureVerification.Missing"/> when the
    /// package carries none, a failure with a named <see cref="SignatureFailure"/> when it is broken or untrusted,
    /// and the verified <see cref="SignerIdentity"/> otherwise.
    /// </summary>
    SignatureVerification Verify(SignedPackage package, IReadOnlyList<AllowedSigner> allowedSigners);
}
