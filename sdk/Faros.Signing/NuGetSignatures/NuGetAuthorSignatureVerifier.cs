using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Faros.Signing.Policy;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;

namespace Faros.Signing.NuGetSignatures;

/// <summary>
/// The trust policy's <c>nuget</c> signature kind: a NuGet <b>author</b> signature (made by <c>dotnet nuget sign</c>),
/// verified offline by <see cref="NuGetSignatureVerifier"/>. Only author signatures count: a repository signature or
/// countersignature says a feed served the package, not who made it, so the registry's own countersignature can never
/// stand in for the publisher's.
/// </summary>
/// <remarks>
/// A policy pins certificates by SHA-256 fingerprint (leaf or CA), not by root. The anchors handed to the chain builder
/// are therefore the certificates embedded in the signature that a rule pins, plus the self-signed ones embedded with
/// them; the package is accepted only when a pinned certificate is part of the chain X509Chain verified. A chain that
/// merely ends in some self-signed certificate proves nothing until a pinned fingerprint is in it, which the
/// evaluator (and <see cref="NuGetSignatureVerifier"/>) check.
/// </remarks>
public sealed class NuGetAuthorSignatureVerifier(TimeProvider? time = null) : ISignatureVerifier
{
    private readonly NuGetSignatureVerifier _verifier = new(time);

    public string Kind => SignatureKinds.NuGet;

    public SignatureVerification Verify(SignedPackage package, IReadOnlyList<AllowedSigner> allowedSigners)
    {
        var pins = allowedSigners.OfType<CertificateFingerprintSigner>().Select(signer => signer.Sha256Fingerprint).ToHashSet(StringComparer.Ordinal);
        var embedded = EmbeddedCertificates(package.Package);
        if (embedded is null)
        {
            return SignatureVerification.Missing(
                "The package has no NuGet signature (.signature.p7s). Sign it with 'dotnet nuget sign' and a code-signing certificate the trust policy pins.");
        }

        if (pins.Count == 0)
        {
            // Still verify, so that the signer can be reported (and refused) by name.
            pins = [.. embedded.Select(Fingerprint)];
        }

        var anchors = embedded
            .Where(certificate => pins.Contains(Fingerprint(certificate)) || certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
            .ToList();
        var trust = new NuGetTrust(anchors, [NuGetTrustedSigner.Author([.. pins])]);
        NuGetSignatureResult result;
        using (var stream = new MemoryStream(package.Package.ToArray(), writable: false))
        {
            // The package is in memory and verification is CPU-bound, so waiting here blocks on no I/O.
            result = _verifier.VerifyAsync(stream, trust, CancellationToken.None).GetAwaiter().GetResult();
        }

        if (result.IsVerified)
        {
            var signer = result.Signer;
            var chain = ChainFingerprints(embedded, signer.Sha256Fingerprint);
            return SignatureVerification.Verified(new SignerIdentity(Kind, $"{signer.Subject} (SHA-256 {signer.Sha256Fingerprint})")
            {
                CertificateFingerprints = [.. chain],
            });
        }

        return result.Failure switch
        {
            NuGetSignatureFailureReason.NotSigned => SignatureVerification.Missing(result.Message),
            NuGetSignatureFailureReason.Malformed => SignatureVerification.Failed(SignatureFailure.BundleMalformed, result.Message),
            NuGetSignatureFailureReason.IntegrityFailed => SignatureVerification.Failed(SignatureFailure.DigestMismatch, result.Message),
            NuGetSignatureFailureReason.InvalidSignature => SignatureVerification.Failed(SignatureFailure.SignatureInvalid, result.Message),
            NuGetSignatureFailureReason.CertificateExpired => SignatureVerification.Failed(SignatureFailure.CertificateExpired, result.Message),
            NuGetSignatureFailureReason.FingerprintNotAllowed => SignatureVerification.Failed(SignatureFailure.SignerNotAllowed, result.Message),
            _ => SignatureVerification.Failed(SignatureFailure.CertificateChainUntrusted, result.Message),
        };
    }

    /// <summary>The certificates the primary signature embeds, or null when the package has no signature.</summary>
    private static X509Certificate2Collection? EmbeddedCertificates(ReadOnlyMemory<byte> nupkg)
    {
        try
        {
            using var reader = new PackageArchiveReader(new MemoryStream(nupkg.ToArray(), writable: false), leaveStreamOpen: false);
            var primary = reader.GetPrimarySignatureAsync(CancellationToken.None).GetAwaiter().GetResult();
            return primary?.SignedCms.Certificates;
        }
        catch (Exception exception) when (exception is SignatureException or CryptographicException or InvalidDataException or PackagingException)
        {
            // Reported with its reason by NuGetSignatureVerifier.
            return [];
        }
    }

    /// <summary>The leaf's fingerprint first, then its issuers' as embedded, for fingerprint matching by the evaluator.</summary>
    private static IEnumerable<string> ChainFingerprints(X509Certificate2Collection embedded, string leafFingerprint)
    {
        var byFingerprint = embedded.ToDictionary(Fingerprint, certificate => certificate, StringComparer.Ordinal);
        var current = byFingerprint.GetValueOrDefault(leafFingerprint);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (current is not null && seen.Add(Fingerprint(current)))
        {
            yield return Fingerprint(current);
            if (current.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData))
            {
                yield break;
            }

            current = embedded.FirstOrDefault(candidate => candidate.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData));
        }

        if (seen.Count == 0)
        {
            yield return leafFingerprint;
        }
    }

    private static string Fingerprint(X509Certificate2 certificate) => NuGetSignatureVerifier.Sha256Fingerprint(certificate);
}
