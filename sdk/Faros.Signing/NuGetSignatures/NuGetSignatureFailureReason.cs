namespace Faros.Signing.NuGetSignatures;

/// <summary>Why a package's NuGet signature was not accepted.</summary>
public enum NuGetSignatureFailureReason
{
    /// <summary>The package has no .signature.p7s.</summary>
    NotSigned,

    /// <summary>The stream is not a package, or its .signature.p7s is not a NuGet signature.</summary>
    Malformed,

    /// <summary>The package's bytes no longer match the hash the signature covers, or the signed archive is altered.</summary>
    IntegrityFailed,

    /// <summary>The signature value does not verify with the signing certificate's key.</summary>
    InvalidSignature,

    /// <summary>The signing chain does not end in a pinned root.</summary>
    UntrustedRoot,

    /// <summary>No trusted signer of this signature's kind lists a fingerprint found in its chain.</summary>
    FingerprintNotAllowed,

    /// <summary>A certificate in the chain was not valid at the signing time (expired or not yet valid).</summary>
    CertificateExpired,

    /// <summary>The signing certificate lacks the code-signing extended key usage.</summary>
    NotCodeSigning,

    /// <summary>The chain fails for another reason (bad signature in the chain, a CA constraint, ...).</summary>
    InvalidChain,
}
