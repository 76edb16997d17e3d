using System.Globalization;
using Faros.Registry.Feed;
using Faros.Registry.Signing;
using Microsoft.AspNetCore.Mvc;

namespace Faros.Registry.Protocol;

/// <summary>
/// RepositorySignatures/5.0.0: the certificate this registry signs with, so that `dotnet nuget trust repository`
/// and clients with allRepositorySigned can check that packages from this feed carry its signature.
/// NuGet requires the certificate's contentUrl to be https, so it is given under RepositorySigning:ServiceIndexUrl
/// (the https URL the signatures name), whatever scheme this request came in on.
/// </summary>
[ApiController]
public sealed class RepositorySignaturesController(RepositorySigner signer) : ControllerBase
{
    /// <summary>The SHA-256 OID: NuGet keys certificate fingerprints by hash algorithm.</summary>
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    private static CachedDocument? s_document;

    [HttpGet("v3/repository-signatures/index.json")]
    [HttpHead("v3/repository-signatures/index.json")]
    public IActionResult Index()
    {
        if (!signer.Enabled)
        {
            return NotFound();
        }

        return new DocumentResult(s_document ??= Build());
    }

    [HttpGet("v3/repository-signatures/{fingerprint}.crt")]
    public IActionResult Certificate(string fingerprint)
    {
        if (!signer.Enabled || !string.Equals(fingerprint, signer.Certificate.Sha256Fingerprint, StringComparison.OrdinalIgnoreCase))
        {
            return NotFound();
        }

        return File(signer.Certificate.Certificate.RawData, "application/pkix-cert");
    }

    private CachedDocument Build()
    {
        var certificate = signer.Certificate;
        var contentUrl = new Uri(new Uri(signer.ServiceIndexUrl), $"repository-signatures/{certificate.Sha256Fingerprint.ToLowerInvariant()}.crt");
        return CachedDocument.FromJson(json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("allRepositorySigned", signer.AllRepositorySigned);
            json.WriteStartArray("signingCertificates");
            json.WriteStartObject();
            json.WriteStartObject("fingerprints");
            json.WriteString(Sha256Oid, certificate.Sha256Fingerprint.ToLowerInvariant());
            json.WriteEndObject();
            json.WriteString("subject", certificate.Certificate.Subject);
            json.WriteString("issuer", certificate.Certificate.Issuer);
            json.WriteString("notBefore", Timestamp(certificate.Certificate.NotBefore));
            json.WriteString("notAfter", Timestamp(certificate.Certificate.NotAfter));
            json.WriteString("contentUrl", contentUrl.AbsoluteUri);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static string Timestamp(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
