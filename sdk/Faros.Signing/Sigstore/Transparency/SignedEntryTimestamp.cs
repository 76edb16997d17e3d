using System.Globalization;
using System.Text;
using Faros.Signing.Sigstore.Bundles;

namespace Faros.Signing.Sigstore.Transparency;

/// <summary>
/// The bytes a Rekor inclusion promise (SET) signs: the RFC 8785 canonical JSON of the entry's body (base64),
/// integratedTime, logID (hex) and logIndex — keys in that (sorted) order.
/// </summary>
internal static class SignedEntryTimestamp
{
    public static byte[] Payload(TransparencyLogEntry entry) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"body\":\"{Convert.ToBase64String(entry.CanonicalizedBody.Span)}\",\"integratedTime\":{entry.IntegratedTime},\"logID\":\"{Convert.ToHexStringLower(entry.LogId.Span)}\",\"logIndex\":{entry.LogIndex}}}"));
}
