using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Faros.Registry.Packages;
using Microsoft.Extensions.Options;
using NuGet.Packaging;
using NuGet.Packaging.Signing;
using HashAlgorithmName = NuGet.Common.HashAlgorithmName;

namespace Faros.Registry.Signing;

/// <summary>
/// Repository-signs a pushed package with NuGet.Packaging's own signing code: an unsigned package gets a repository
/// primary signature, an author-signed one a repository countersignature. The signed copy is written beside the
/// upload and replaces it, so the stored bytes, their hash in registrations, and the flat container all agree.
/// No timestamp is requested: the registry makes no outbound calls, so signatures stay valid while the certificate is.
/// </summary>
public sealed class RepositorySigner : IDisposable
{
    private readonly RepositorySigningOptions _options;
    private readonly Lazy<RepositorySigningCertificate> _certificate;
    private readonly ILogger<RepositorySigner> _logger;

    private readonly TimeProvider _time;

    public RepositorySigner(IOptions<RepositorySigningOptions> options, TimeProvider time, ILogger<RepositorySigner> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _certificate = new Lazy<RepositorySigningCertificate>(() => RepositorySigningCertificate.Load(_options.CertificatePath!, _options.CertificatePassword));
    }

    public bool Enabled => _options.Enabled;

    public bool AllRepositorySigned => _options.AllRepositorySigned;

    /// <summary>The https service index URL that every repository signature names.</summary>
    public string ServiceIndexUrl => _options.ServiceIndexUrl!;

    public RepositorySigningCertificate Certificate => _certificate.Value;

    public async Task<RepositorySigningResult> SignAsync(UploadedFile upload, string owner, CancellationToken cancellationToken)
    {
        // Checked at start-up too; a certificate that expired since is the registry's fault, not the publisher's: a 500, logged.
        if (Certificate.Defect(_time.GetUtcNow()) is { } certificateDefect)
        {
            throw new InvalidOperationException($"The repository signing certificate (RepositorySigning:CertificatePath) {certificateDefect}.");
        }

        if (await AlreadySignedDefectAsync(upload.Path, cancellationToken) is { } defect)
        {
            return RepositorySigningResult.Refused(defect);
        }

        var signedPath = upload.Path + ".signed";
        try
        {
            await SignIntoAsync(upload.Path, signedPath, owner, cancellationToken);
            await using var stream = new FileStream(signedPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
            var sha512 = Convert.ToBase64String(await SHA512.HashDataAsync(stream, cancellationToken));
            _logger.LogInformation("Repository-signed {FileName} with {Fingerprint} ({Size} bytes)", upload.ClientFileName, Certificate.Sha256Fingerprint, stream.Length);
            return RepositorySigningResult.Done(new UploadedFile(signedPath, upload.ClientFileName, stream.Length), sha512);
        }
        catch (SignatureException exception)
        {
            File.Delete(signedPath);
            _logger.LogWarning(exception, "NuGet refused to repository-sign {FileName} ({Code})", upload.ClientFileName, exception.Code);
            return RepositorySigningResult.Refused($"The package cannot be repository-signed: {exception.Code}: {exception.Message}");
        }
        catch
        {
            File.Delete(signedPath);
            throw;
        }
    }

    private async Task SignIntoAsync(string packagePath, string signedPath, string owner, CancellationToken cancellationToken)
    {
        // The request disposes its certificate; it gets its own handle on the same key.
        using var request = new RepositorySignPackageRequest(
            new X509Certificate2(Certificate.Certificate),
            HashAlgorithmName.SHA256,
            HashAlgorithmName.SHA256,
            new Uri(_options.ServiceIndexUrl!),
            string.IsNullOrWhiteSpace(owner) ? null : [owner]);
        request.AdditionalCertificates.AddRange(Certificate.Issuers);
        // Whether the root is trusted is each client's decision (its trustedSigners); the registry's machine need not trust it.
        request.AllowUntrustedRoot = true;
        using var options = new SigningOptions(
            new Lazy<Stream>(() => new FileStream(packagePath, FileMode.Open, FileAccess.Read, FileShare.Read)),
            new Lazy<Stream>(() => new FileStream(signedPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None)),
            overwrite: false,
            new X509SignatureProvider(timestampProvider: null),
            NuGet.Common.NullLogger.Instance);
        await SigningUtility.SignAsync(options, request, cancellationToken);
    }

    /// <summary>
    /// A package already carrying a repository signature cannot take ours (NuGet allows one), and an author signature
    /// that no longer matches the content must not be vouched for.
    /// </summary>
    private static async Task<string?> AlreadySignedDefectAsync(string packagePath, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(packagePath, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = new PackageArchiveReader(stream, leaveStreamOpen: true);
        PrimarySignature? primary;
        try
        {
            primary = await reader.GetPrimarySignatureAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is SignatureException or CryptographicException)
        {
            return $"The package's .signature.p7s is not a valid NuGet signature ({exception.Message}). Sign it again with 'dotnet nuget sign', or push it unsigned.";
        }

        if (primary is null)
        {
            return null;
        }

        if (primary.Type == SignatureType.Repository || RepositoryCountersignature.GetRepositoryCountersignature(primary) is not null)
        {
            return "The package already carries a repository signature from another feed. Push the package as its author built it (unsigned or author-signed).";
        }

        try
        {
            await reader.ValidateIntegrityAsync(primary.SignatureContent, cancellationToken);
        }
        catch (SignatureException exception)
        {
            return $"The package was altered after its author signed it ({exception.Message}). Sign the package again and push the signed file unchanged.";
        }

        return null;
    }

    public void Dispose()
    {
        if (_certificate.IsValueCreated)
        {
            _certificate.Value.Dispose();
        }
    }
}
