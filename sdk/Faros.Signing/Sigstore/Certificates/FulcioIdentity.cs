using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Faros.Signing.Sigstore.Certificates;

/// <summary>
/// The identity a Fulcio certificate binds: the OIDC issuer (extension 1.3.6.1.4.1.57264.1.8, a DER UTF8String, or
/// the legacy 1.3.6.1.4.1.57264.1.1 holding raw UTF-8) and the subject alternative name (email, URI or DNS name).
/// </summary>
internal sealed record FulcioIdentity(string? Issuer, string? SubjectAlternativeName)
{
    private const string IssuerOid = "1.3.6.1.4.1.57264.1.8";
    private const string LegacyIssuerOid = "1.3.6.1.4.1.57264.1.1";
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    public static FulcioIdentity Of(X509Certificate2 certificate) =>
        new(ReadIssuer(certificate), ReadSubjectAlternativeName(certificate));

    private static string? ReadIssuer(X509Certificate2 certificate)
    {
        if (certificate.Extensions[IssuerOid] is { } current)
        {
            try
            {
                return new AsnReader(current.RawData, AsnEncodingRules.DER).ReadCharacterString(UniversalTagNumber.UTF8String);
            }
            catch (AsnContentException)
            {
                return null;
            }
        }

        return certificate.Extensions[LegacyIssuerOid] is { } legacy ? Encoding.UTF8.GetString(legacy.RawData) : null;
    }

    private static string? ReadSubjectAlternativeName(X509Certificate2 certificate)
    {
        if (certificate.Extensions[SubjectAlternativeNameOid] is not { } extension)
        {
            return null;
        }

        try
        {
            var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue is 1 or 2 or 6)
                {
                    // rfc822Name [1], dNSName [2] and uniformResourceIdentifier [6] are implicitly tagged IA5Strings.
                    return names.ReadCharacterString(UniversalTagNumber.IA5String, tag);
                }

                names.ReadEncodedValue();
            }
        }
        catch (AsnContentException)
        {
            return null;
        }

        return null;
    }
}
