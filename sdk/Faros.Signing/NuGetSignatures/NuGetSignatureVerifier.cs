using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;

namespace Faros.Signing.NuGetSignatures;

/// <summary>
/// Verifies a package's NuGet signatures (.signature.p7s) fully offline against pinned roots and fingerprints.
/// NuGet.Packaging checks the signed archive and its content hash; the chain is built by X509Chain in
/// custom-root mode, so the machine's trust store (absent on a runtime-only device) plays no part.
/// Revocation is not checked: a device may be offline, private CAs rarely publish CRLs, and a CRL fetched at
/// load time could be blocked by whoever controls the network. A compromised signer is removed from the trust
/// policy instead, which every enforcement point reads.
/// </summary>
public sealed class NuGetSignatureVerifier(TimeProvider? time = null)
{
    private const string CodeSigningEku = "1.3.6.1.5.5.7.3.3";
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<NuGetSignatureResult> VerifyAsync(Stream nupkg, NuGetTrust trust, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nupkg);
        ArgumentNullException.ThrowIfNull(trust);
        var seekable = nupkg;
        if (!nupkg.CanSeek)
        {
            seekable = new MemoryStream();
            await nupkg.CopyToAsync(seekable, cancellationToken);
            seekable.Position = 0;
        }

        try
        {
            return await VerifySeekableAsync(seekable, trust, cancellationToken);
        }
        finally
        {
            if (!ReferenceEquals(seekable, nupkg))
            {
                await seekable.DisposeAsync();
            }
        }
    }

    private async Task<NuGetSignatureResult> VerifySeekableAsync(Stream nupkg, NuGetTrust trust, CancellationToken cancellationToken)
    {
        PackageArchiveReader reader;
        try
        {
            reader = new PackageArchiveReader(nupkg, leaveStreamOpen: true);
        }
        catch (Exception exception) when (exception is InvalidDataException or PackagingException)
        {
            return NuGetSignatureResult.Failed(NuGetSignatureFailureReason.Malformed, $"The stream is not a NuGet package: {exception.Message}");
        }

        using (reader)
        {
            PrimarySignature? primary;
            try
            {
                primary = await reader.GetPrimarySignatureAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is SignatureException or CryptographicException or InvalidDataException)
            {
                return NuGetSignatureResult.Failed(NuGetSignatureFailureReason.Malformed, $"The package's .signature.p7s cannot be read: {exception.Message}");
            }

            if (primary is null)
            {
                return NuGetSignatureResult.Failed(NuGetSignatureFailureReason.NotSigned,
                    "The package has no .signature.p7s. Sign it with 'dotnet nuget sign' and a code-signing certificate.");
            }

            try
            {
                await reader.ValidateIntegrityAsync(primary.SignatureContent, cancellationToken);
            }
            catch (Exception exception) when (exception is SignatureException or InvalidDataException or CryptographicException)
            {
                return NuGetSignatureResult.Failed(NuGetSignatureFailureReason.IntegrityFailed,
                    $"The package was altered after it was signed: {exception.Message}");
            }

            // The reported failure is that of a signature whose kind is trusted at all, when there is one: "the repository
            // chain is untrusted" says more than "no author signer is trusted".
            NuGetSignatureResult? failure = null;
            var failureKindTrusted = false;
            foreach (var (signature, kind) in SignaturesOf(primary))
            {
                var result = Evaluate(signature, kind, primary.SignedCms.Certificates, trust);
                if (result.IsVerified)
                {
                    return result;
                }

                var kindTrusted = trust.Signers.Any(signer => signer.Kind == kind);
                if (failure is null || (kindTrusted && !failureKindTrusted))
                {
                    failure = result;
                    failureKindTrusted = kindTrusted;
                }
            }

            return failure!;
        }
    }

    /// <summary>The author or repository primary signature, then a repository countersignature if there is one.</summary>
    private static IEnumerable<(Signature Signature, NuGetSignerKind Kind)> SignaturesOf(PrimarySignature primary)
    {
        yield return (primary, primary.Type == SignatureType.Repository ? NuGetSignerKind.Repository : NuGetSignerKind.Author);
        RepositoryCountersignature? countersignature;
        try
        {
            countersignature = primary.Type == SignatureType.Author ? RepositoryCountersignature.GetRepositoryCountersignature(primary) : null;
        }
        catch (SignatureException)
        {
            // A malformed countersignature cannot vouch for anything; the author signature alone is judged.
            countersignature = null;
        }

        if (countersignature is not null)
        {
            yield return (countersignature, NuGetSignerKind.Repository);
        }
    }

    private NuGetSignatureResult Evaluate(Signature signature, NuGetSignerKind kind, X509Certificate2Collection embedded, NuGetTrust trust)
    {
        var signers = trust.Signers.Where(signer => signer.Kind == kind).ToList();
        if (signers.Count == 0)
        {
            return NuGetSignatureResult.Failed(NuGetSignatureFailureReason.FingerprintNotAllowed,
                $"The package has {(kind == NuGetSignerKind.Author ? "an author" : "a repository")} signature, and no {Describe(kind)} signer is trusted.");
        }

        var certificate = signature.SignerInfo.Certificate;
        if (certificate is null)
        {
            return NuGetSignatureResult.Failed(NuGetSignatureFailureReason.Malformed, $"The {Describe(kind)} signature does not embed its signing certificate.");
        }

        try
        {
            signature.SignerInfo.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException exception)
        {
            return NuGetSignatureResult.Failed(NuGetSignatureFailureReason.InvalidSignature,
                $"The {Describe(kind)} signature by {certificate.Subject} does not verify: {exception.Message}");
        }

        if (!HasExtendedKeyUsage(certificate, CodeSigningEku))
        {
            return NuGetSignatureResult.Failed(NuGetSignatureFailureReason.NotCodeSigning,
                $"The {Describe(kind)} signing certificate {certificate.Subject} is not for code signing (extended key usage {CodeSigningEku}).");
        }

        var signingTime = TrustedTimestamp(signature, embedded, trust) ?? _time.GetUtcNow();
        using var chain = BuildChain(certificate, embedded, trust, signingTime, CodeSigningEku);
        if (ChainFailure(chain, certificate, kind, signingTime) is { } failure)
        {
            return failure;
        }

        var chainFingerprints = chain.ChainElements.Select(element => Sha256Fingerprint(element.Certificate)).ToHashSet(StringComparer.Ordinal);
        var accepted = signers.Any(signer => signer.CertificateFingerprints.Count == 0 ||
                                             signer.CertificateFingerprints.Any(pin => chainFingerprints.Contains(NormalizeFingerprint(pin))));
        if (!accepted)
        {
            return NuGetSignatureResult.Failed(NuGetSignatureFailureReason.FingerprintNotAllowed,
                $"The {Describe(kind)} signer {certificate.Subject} (SHA-256 {Sha256Fingerprint(certificate)}) is not among the trusted {Describe(kind)} fingerprints.");
        }

        return NuGetSignatureResult.Verified(new NuGetVerifiedSigner(kind, certificate.Subject, Sha256Fingerprint(certificate), signingTime));
    }

    /// <summary>
    /// The time of an RFC 3161 timestamp over this signature, when the token verifies and its authority chains to a
    /// pinned root; otherwise null, and the signature must be valid now. Ignoring a timestamp is never less safe:
    /// it can only extend a certificate's validity into the past.
    /// </summary>
    private static DateTimeOffset? TrustedTimestamp(Signature signature, X509Certificate2Collection embedded, NuGetTrust trust)
    {
        foreach (var timestamp in signature.Timestamps)
        {
            if (timestamp.SignedCms is not { } cms ||
                !Rfc3161TimestampToken.TryDecode(cms.Encode(), out var token, out _) ||
                !token.VerifySignatureForSignerInfo(signature.SignerInfo, out var authority, cms.Certificates) ||
                authority is null || !HasExtendedKeyUsage(authority, TimeStampingEku))
            {
                continue;
            }

            var time = token.TokenInfo.Timestamp;
            using var chain = BuildChain(authority, cms.Certificates, trust, time, TimeStampingEku, embedded);
            if (chain.ChainStatus.All(status => status.Status == X509ChainStatusFlags.NoError) && chain.ChainElements.Count > 0)
            {
                return time;
            }
        }

        return null;
    }

    private static X509Chain BuildChain(
        X509Certificate2 certificate,
        X509Certificate2Collection intermediates,
        NuGetTrust trust,
        DateTimeOffset at,
        string usage,
        X509Certificate2Collection? moreIntermediates = null)
    {
        var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(trust.Roots.ToArray());
        policy.ExtraStore.AddRange(intermediates);
        if (moreIntermediates is not null)
        {
            policy.ExtraStore.AddRange(moreIntermediates);
        }

        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = at.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        policy.ApplicationPolicy.Add(new Oid(usage));
        chain.Build(certificate);
        return chain;
    }

    private static NuGetSignatureResult? ChainFailure(X509Chain chain, X509Certificate2 certificate, NuGetSignerKind kind, DateTimeOffset signingTime)
    {
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, status) => all | status.Status);
        if (flags == X509ChainStatusFlags.NoError)
        {
            return null;
        }

        var details = string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation.Trim()).Where(text => text.Length > 0).Distinct());
        var who = $"The {Describe(kind)} signing certificate {certificate.Subject}";
        if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
        {
            return NuGetSignatureResult.Failed(NuGetSignatureFailureReason.UntrustedRoot,
                $"{who} does not chain to a pinned root ({details}). Pin its root certificate in the trust policy.");
        }

        if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
        {
            return NuGetSignatureResult.Failed(NuGetSignatureFailureReason.CertificateExpired,
                $"{who} or its issuer was not valid at {signingTime:u} ({details}). Sign again with a current certificate, with a trusted timestamp.");
        }

        if ((flags & X509ChainStatusFlags.NotValidForUsage) != 0)
        {
            return NuGetSignatureResult.Failed(NuGetSignatureFailureReason.NotCodeSigning, $"{who} or its issuer does not allow code signing ({details}).");
        }

        return NuGetSignatureResult.Failed(NuGetSignatureFailureReason.InvalidChain, $"{who} has an invalid chain: {details}.");
    }

    private static bool HasExtendedKeyUsage(X509Certificate2 certificate, string oid) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(extension => extension.EnhancedKeyUsages.Cast<Oid>().Any(usage => usage.Value == oid));

    private static string Describe(NuGetSignerKind kind) => kind == NuGetSignerKind.Author ? "author" : "repository";

    /// <summary>Upper-case hex SHA-256 of the DER certificate, as `dotnet nuget verify` prints it.</summary>
    public static string Sha256Fingerprint(X509Certificate2 certificate) => Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));

    private static string NormalizeFingerprint(string fingerprint) => fingerprint.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
}
