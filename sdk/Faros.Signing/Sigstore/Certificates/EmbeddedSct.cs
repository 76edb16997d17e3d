using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Faros.Signing.Sigstore.Certificates;

/// <summary>
/// A signed certificate timestamp embedded in a certificate (RFC 6962 §3.3): a CT log's promise to publish the
/// precertificate. It is verified over the precertificate TBS, i.e. the certificate's TBS without the SCT list.
/// </summary>
internal sealed record EmbeddedSct(byte[] LogId, ulong Timestamp, byte[] Extensions, byte[] Signature)
{
    public const string ExtensionOid = "1.3.6.1.4.1.11129.2.4.2";

    /// <summary>The SCTs in the certificate's SCT list extension; empty when it has none.</summary>
    /// <exception cref="FormatException">The extension is present but malformed.</exception>
    public static IReadOnlyList<EmbeddedSct> ReadAll(X509Certificate2 certificate)
    {
        if (certificate.Extensions[ExtensionOid] is not { } extension)
        {
            return [];
        }

        try
        {
            var list = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadOctetString();
            var reader = new TlsReader(list);
            var entries = new TlsReader(reader.Vector(2));
            var scts = new List<EmbeddedSct>();
            while (!entries.AtEnd)
            {
                var sct = new TlsReader(entries.Vector(2));
                if (sct.Byte() != 0)
                {
                    continue; // Only v1 SCTs exist; skip what we cannot read rather than fail on it.
                }

                var logId = sct.Bytes(32);
                var timestamp = sct.UInt64();
                var extensions = sct.Vector(2);
                sct.Bytes(2); // hash and signature algorithm: the log's key from the trusted root decides how to verify.
                var signature = sct.Vector(2);
                scts.Add(new EmbeddedSct(logId, timestamp, extensions, signature));
            }

            return scts;
        }
        catch (Exception e) when (e is AsnContentException or ArgumentOutOfRangeException or FormatException)
        {
            throw new FormatException($"The certificate's SCT list is malformed: {e.Message}", e);
        }
    }

    /// <summary>The digitally-signed struct of a precert_entry SCT for <paramref name="certificate"/> issued by a key with <paramref name="issuerKeyHash"/>.</summary>
    public byte[] SignedData(X509Certificate2 certificate, ReadOnlySpan<byte> issuerKeyHash)
    {
        var tbs = PrecertificateTbs(certificate);
        using var data = new MemoryStream();
        data.WriteByte(0); // version v1
        data.WriteByte(0); // signature_type certificate_timestamp
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, Timestamp);
        data.Write(buffer);
        data.Write([0, 1]); // entry_type precert_entry
        data.Write(issuerKeyHash);
        data.Write([(byte)(tbs.Length >> 16), (byte)(tbs.Length >> 8), (byte)tbs.Length]);
        data.Write(tbs);
        data.Write([(byte)(Extensions.Length >> 8), (byte)Extensions.Length]);
        data.Write(Extensions);
        return data.ToArray();
    }

    /// <summary>The certificate's TBSCertificate re-encoded without the SCT list extension.</summary>
    private static byte[] PrecertificateTbs(X509Certificate2 certificate)
    {
        var tbs = new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);
            while (tbs.HasData)
            {
                if (tbs.PeekTag() != extensionsTag)
                {
                    writer.WriteEncodedValue(tbs.ReadEncodedValue().Span);
                    continue;
                }

                var extensions = tbs.ReadSequence(extensionsTag).ReadSequence();
                using (writer.PushSequence(extensionsTag))
                using (writer.PushSequence())
                {
                    while (extensions.HasData)
                    {
                        var encoded = extensions.ReadEncodedValue();
                        var oid = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier();
                        if (oid != ExtensionOid)
                        {
                            writer.WriteEncodedValue(encoded.Span);
                        }
                    }
                }
            }
        }

        return writer.Encode();
    }

    public static byte[] IssuerKeyHash(X509Certificate2 issuer) =>
        SHA256.HashData(issuer.PublicKey.ExportSubjectPublicKeyInfo());
}
