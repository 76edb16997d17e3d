namespace Faros.Signing.Policy;

/// <summary>
/// Why a package's signature was rejected. The names are stable: the registry returns them in error bodies,
/// the operator uses them as condition reasons, and the agent logs them.
/// </summary>
public enum SignatureFailure
{
    /// <summary>No signature of an accepted kind was found.</summary>
    SignatureMissing,

    /// <summary>The bundle or signature container could not be parsed (garbage, truncated, unknown media type).</summary>
    BundleMalformed,

    /// <summary>The signed digest is not the digest of these package bytes.</summary>
    DigestMismatch,

    /// <summary>The signature does not verify with the signer's key.</summary>
    SignatureInvalid,

    /// <summary>The bundle names a public key that is not in the policy's allowed signers.</summary>
    UnknownKey,

    /// <summary>The signing certificate was not valid at the trusted signing time (or no trusted time exists).</summary>
    CertificateExpired,

    /// <summary>The certificate chain does not lead to a trusted root (or lacks the code-signing usage).</summary>
    CertificateChainUntrusted,

    /// <summary>The signed certificate timestamp of the leaf certificate is missing or does not verify.</summary>
    SctInvalid,

    /// <summary>The transparency-log entry does not describe this artifact, signature and key.</summary>
    TlogEntryMismatch,

    /// <summary>The Merkle inclusion proof does not lead to the checkpoint's root hash.</summary>
    InclusionProofInvalid,

    /// <summary>The log checkpoint (signed note) is malformed or its signature does not verify.</summary>
    CheckpointInvalid,

    /// <summary>The signed entry timestamp (inclusion promise) does not verify with the log's key.</summary>
    SetInvalid,

    /// <summary>An RFC 3161 timestamp does not verify against a trusted timestamp authority.</summary>
    TimestampInvalid,

    /// <summary>The certificate's OIDC issuer is not the one the policy allows.</summary>
    IssuerMismatch,

    /// <summary>The certificate's subject (SAN) is not an identity the policy allows for that issuer.</summary>
    IdentityMismatch,

    /// <summary>The signature is valid but its signer is not allowed for this package id.</summary>
    SignerNotAllowed,
}
