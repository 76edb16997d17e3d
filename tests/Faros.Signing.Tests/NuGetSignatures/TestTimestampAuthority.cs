using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Faros.Signing.Tests.NuGetSignatures;

/// <summary>
/// An RFC 3161 timestamp authority on 127.0.0.1 for `dotnet nuget sign --timestamper`: it answers each
/// TimeStampReq with a token signed by a certificate from the test CA, carrying the request's hash and nonce,
/// the current time, and the ESS signing-certificate-v2 attribute that RFC 5816 (and NuGet) require.
/// </summary>
public sealed class TestTimestampAuthority : IDisposable
{
    private const string TstInfoContentType = "1.2.840.113549.1.9.16.1.4";
    private const string SigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";
    private const string TestPolicy = "1.3.6.1.4.1.59999.1";

    private readonly HttpListener _listener = new();
    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2 _issuer;
    private readonly Task _serving;

    public TestTimestampAuthority(TestCodeSigningCertificate certificate, X509Certificate2 issuer)
    {
        _certificate = X509CertificateLoader.LoadPkcs12CollectionFromFile(certificate.PfxPath, certificate.Password)
            .Single(candidate => candidate.HasPrivateKey);
        _issuer = issuer;
        var port = FreeTcpPort.Next();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>Exceptions while answering, for a failing test to show.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>The genTime of every token issued so far.</summary>
    public List<DateTimeOffset> Issued { get; } = [];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var response = Respond(body.ToArray());
                context.Response.ContentType = "application/timestamp-reply";
                context.Response.StatusCode = response is null ? 400 : 200;
                if (response is not null)
                {
                    await context.Response.OutputStream.WriteAsync(response);
                }
            }
            catch (Exception exception)
            {
                // Answered, so the CLI fails at once with the cause rather than waiting for its timeout.
                Failures.Add(exception.ToString());
                context.Response.StatusCode = 500;
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private byte[]? Respond(byte[] query)
    {
        if (!Rfc3161TimestampRequest.TryDecode(query, out var request, out _))
        {
            return null;
        }

        var now = DateTimeOffset.UtcNow;
        lock (Issued)
        {
            Issued.Add(now);
        }

        // A positive DER integer with no redundant leading byte.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        var info = new Rfc3161TimestampTokenInfo(new Oid(TestPolicy), request.HashAlgorithmId, request.GetMessageHash(), serial, now,
            accuracyInMicroseconds: 1_000_000, isOrdering: false, nonce: request.GetNonce(), timestampAuthorityName: null, extensions: null);
        var signed = new SignedCms(new ContentInfo(new Oid(TstInfoContentType), info.Encode()), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, _certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.None,
        };
        signer.Certificates.Add(_certificate);
        signer.Certificates.Add(_issuer);
        signer.SignedAttributes.Add(new AsnEncodedData(new Oid(SigningCertificateV2), EssSigningCertificateV2(_certificate)));
        signed.ComputeSignature(signer);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(0); // granted
            }

            writer.WriteEncodedValue(signed.Encode());
        }

        return writer.Encode();
    }

    /// <summary>SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, the hash algorithm left at its SHA-256 default.</summary>
    private static byte[] EssSigningCertificateV2(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteOctetString(SHA256.HashData(certificate.RawData));
                }
            }
        }

        return writer.Encode();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
        _certificate.Dispose();
    }
}
