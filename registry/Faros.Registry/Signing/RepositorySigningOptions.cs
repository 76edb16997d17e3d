using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace Faros.Registry.Signing;

/// <summary>
/// The "RepositorySigning" section. With a certificate set, every pushed package is repository-signed (or, when
/// author-signed, countersigned) before it is stored, and the service index advertises RepositorySignatures/5.0.0.
/// Example: RepositorySigning:CertificatePath=/etc/faros/repository.pfx, RepositorySigning:CertificatePassword=...,
/// RepositorySigning:ServiceIndexUrl=https://nuget.example.com/v3/index.json.
/// </summary>
public sealed class RepositorySigningOptions : IValidatableObject
{
    public const string Section = "RepositorySigning";

    /// <summary>A PFX (PKCS #12) with the code-signing certificate and its private key, and optionally its issuers.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The https URL of this registry's service index, written into every repository signature (NuGet requires https
    /// there). Defaults to {Registry:PublicBaseUrl}/v3/index.json when that is https.
    /// </summary>
    public string? ServiceIndexUrl { get; set; }

    /// <summary>
    /// Advertise allRepositorySigned=true: clients then refuse any package from this feed without this registry's
    /// signature. Set it only once every stored package is signed (signing was on from the first push).
    /// </summary>
    public bool AllRepositorySigned { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            if (AllRepositorySigned)
            {
                yield return new ValidationResult("RepositorySigning:AllRepositorySigned needs RepositorySigning:CertificatePath: without a certificate nothing is signed.");
            }

            yield break;
        }

        if (!Uri.TryCreate(ServiceIndexUrl, UriKind.Absolute, out var serviceIndex) || serviceIndex.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult(
                $"RepositorySigning:ServiceIndexUrl '{ServiceIndexUrl}' must be the https URL of this registry's service index, e.g. https://nuget.example.com/v3/index.json " +
                "(or set Registry:PublicBaseUrl to an https URL); NuGet writes it into every repository signature.");
        }

        string? defect;
        try
        {
            using var certificate = RepositorySigningCertificate.Load(CertificatePath!, CertificatePassword);
            defect = certificate.Defect(DateTimeOffset.UtcNow);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            defect = $"cannot be read ({exception.Message}); check the path and RepositorySigning:CertificatePassword";
        }

        if (defect is not null)
        {
            yield return new ValidationResult($"RepositorySigning:CertificatePath '{CertificatePath}' {defect}.");
        }
    }
}
