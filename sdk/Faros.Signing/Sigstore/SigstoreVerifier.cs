using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore.Bundles;
using Faros.Signing.Sigstore.Certificates;
using Faros.Signing.Sigstore.Keys;
using Faros.Signing.Sigstore.Transparency;
using Faros.Signing.Sigstore.Trust;

namespace Faros.Signing.Sigstore;

/// <summary>
/// Verifies Sigstore bundles over an artifact, fully offline.
/// <para>Keyed bundles: the key must be one of the allowed <see cref="PublicKeySigner"/>s (picked by hint).</para>
/// <para>Keyless bundles, in sigstore-go's order: transparency-log entries (SET, inclusion proof, checkpoint) and
/// RFC 3161 timestamps give the trusted signing times; the Fulcio chain must be valid at each with the code-signing
/// usage; the embedded SCT must verify; then the digest and signature over the artifact; then each log entry must
/// record exactly this digest, signature and certificate. Who may sign is the caller's (or the trust policy's) decision
/// on the returned <see cref="SignerIdentity"/>.</para>
/// </summary>
public sealed class SigstoreVerifier(TrustedRoot? trustedRoot = null, TimeProvider? timeProvider = null) : ISignatureVerifier
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public string Kind => SignatureKinds.Sigstore;

    public SignatureVerification Verify(SignedPackage package, IReadOnlyList<AllowedSigner> allowedSigners)
    {
        if (package.SigstoreBundle is not { } json)
        {
            return SignatureVerification.Missing($"{package.Id} has no Sigstore bundle ({{id}}.{{version}}.sigstore.json).");
        }

        SigstoreBundle bundle;
        try
        {
            bundle = SigstoreBundle.Parse(json.Span);
        }
        catch (BundleFormatException e)
        {
            return SignatureVerification.Failed(SignatureFailure.BundleMalformed, e.Message);
        }

        return Verify(bundle, package.Package.Span, allowedSigners);
    }

    /// <summary>Verifies <paramref name="bundle"/> over <paramref name="artifact"/>; keyed bundles need their key among <paramref name="allowedSigners"/>.</summary>
    public SignatureVerification Verify(SigstoreBundle bundle, ReadOnlySpan<byte> artifact, IReadOnlyList<AllowedSigner> allowedSigners)
    {
        try
        {
            return SignatureVerification.Verified(bundle.IsKeyless
                ? VerifyKeyless(bundle, artifact)
                : VerifyKeyed(bundle, artifact, allowedSigners));
        }
        catch (SigstoreVerificationException e)
        {
            return SignatureVerification.Failed(e.Failure, e.Message);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            // Material that parsed but that the platform cannot use (an odd key encoding): refuse, never throw.
            return SignatureVerification.Failed(SignatureFailure.BundleMalformed, $"The bundle holds unusable cryptographic material: {e.Message}");
        }
    }

    private SignerIdentity VerifyKeyless(SigstoreBundle bundle, ReadOnlySpan<byte> artifact)
    {
        var root = trustedRoot ?? throw new SigstoreVerificationException(SignatureFailure.CertificateChainUntrusted,
            "The bundle is keyless (a Fulcio certificate) but no trusted root is configured to verify it; pin a trusted_root.json.");

        var times = TrustedTimes(bundle, root);
        var leaf = bundle.SigningCertificate!;
        IReadOnlyList<X509Certificate2> chain = [];
        foreach (var time in times.DefaultIfEmpty(_time.GetUtcNow()))
        {
            chain = CertificateChainVerifier.Verify(leaf, root.CertificateAuthorities, time, CertificateChainVerifier.CodeSigningOid, "signing");
        }

        SctVerifier.Verify(leaf, chain.Count > 1 ? chain[1] : leaf, root);

        var key = LeafKey(leaf);
        VerifyArtifactSignature(bundle, artifact, key);
        foreach (var entry in bundle.TransparencyLogEntries)
        {
            TransparencyLogVerifier.VerifyBody(entry, bundle, leaf.RawData, signerIsCertificate: true);
        }

        if (bundle.TransparencyLogEntries.IsEmpty)
        {
            throw new SigstoreVerificationException(SignatureFailure.TlogEntryMismatch,
                "The keyless bundle has no transparency-log entry; a Fulcio certificate is only trusted when its signature was logged.");
        }

        var identity = FulcioIdentity.Of(leaf);
        return new SignerIdentity(SignatureKinds.Sigstore, $"{identity.SubjectAlternativeName ?? leaf.Subject} ({identity.Issuer ?? "unknown issuer"})")
        {
            CertificateFingerprints = [.. chain.Select(certificate => Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)))],
            Issuer = identity.Issuer,
            SubjectAlternativeName = identity.SubjectAlternativeName,
        };
    }

    private SignerIdentity VerifyKeyed(SigstoreBundle bundle, ReadOnlySpan<byte> artifact, IReadOnlyList<AllowedSigner> allowedSigners)
    {
        var keys = allowedSigners.OfType<PublicKeySigner>().ToList();
        var candidates = string.IsNullOrEmpty(bundle.PublicKeyHint)
            ? keys
            : keys.Where(key => PublicKeyHint.Of(key.SubjectPublicKeyInfo.Span) == bundle.PublicKeyHint).ToList();
        if (candidates.Count == 0)
        {
            throw new SigstoreVerificationException(SignatureFailure.UnknownKey, string.IsNullOrEmpty(bundle.PublicKeyHint)
                ? "The bundle is signed with a key, and no public key is allowed for this package."
                : $"The bundle is signed with key '{bundle.PublicKeyHint}', which is not an allowed public key for this package.");
        }

        if (trustedRoot is not null)
        {
            foreach (var entry in bundle.TransparencyLogEntries)
            {
                TransparencyLogVerifier.VerifyInclusion(entry, trustedRoot);
            }
        }

        VerifyDigest(bundle, artifact);
        foreach (var candidate in candidates)
        {
            var key = VerificationKey.FromSubjectPublicKeyInfo(candidate.SubjectPublicKeyInfo.Span);
            if (key.VerifyDigest(bundle.MessageDigest.Span, bundle.Signature.Span))
            {
                if (trustedRoot is not null)
                {
                    foreach (var entry in bundle.TransparencyLogEntries)
                    {
                        TransparencyLogVerifier.VerifyBody(entry, bundle, candidate.SubjectPublicKeyInfo.Span, signerIsCertificate: false);
                    }
                }

                var fingerprint = Convert.ToHexStringLower(SHA256.HashData(candidate.SubjectPublicKeyInfo.Span));
                return new SignerIdentity(SignatureKinds.Sigstore, $"key sha256:{fingerprint[..16]}")
                {
                    PublicKey = candidate.SubjectPublicKeyInfo,
                };
            }
        }

        throw new SigstoreVerificationException(SignatureFailure.SignatureInvalid,
            "The bundle's signature does not verify with the allowed public key it names.");
    }

    private static List<DateTimeOffset> TrustedTimes(SigstoreBundle bundle, TrustedRoot root)
    {
        var times = new List<DateTimeOffset>();
        foreach (var entry in bundle.TransparencyLogEntries)
        {
            if (TransparencyLogVerifier.VerifyInclusion(entry, root) is { } integrated)
            {
                times.Add(integrated);
            }
        }

        foreach (var token in bundle.Rfc3161Timestamps)
        {
            times.Add(TimestampVerifier.Verify(token, bundle.Signature.Span, root));
        }

        return times;
    }

    private static VerificationKey LeafKey(X509Certificate2 leaf)
    {
        try
        {
            return VerificationKey.FromSubjectPublicKeyInfo(leaf.PublicKey.ExportSubjectPublicKeyInfo());
        }
        catch (FormatException e)
        {
            throw new SigstoreVerificationException(SignatureFailure.CertificateChainUntrusted, $"The signing certificate's key is unusable: {e.Message}");
        }
    }

    private static void VerifyArtifactSignature(SigstoreBundle bundle, ReadOnlySpan<byte> artifact, VerificationKey key)
    {
        VerifyDigest(bundle, artifact);
        if (!key.VerifyDigest(bundle.MessageDigest.Span, bundle.Signature.Span))
        {
            throw new SigstoreVerificationException(SignatureFailure.SignatureInvalid,
                "The bundle's signature does not verify with the signing certificate's key.");
        }
    }

    private static void VerifyDigest(SigstoreBundle bundle, ReadOnlySpan<byte> artifact)
    {
        if (!SHA256.HashData(artifact).AsSpan().SequenceEqual(bundle.MessageDigest.Span))
        {
            throw new SigstoreVerificationException(SignatureFailure.DigestMismatch,
                "The package's SHA-256 is not the digest the bundle signs: the package was changed after signing, or the bundle belongs to another package.");
        }
    }
}
