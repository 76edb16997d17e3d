using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Faros.Signing.Sigstore.Bundles;

namespace Faros.Signing.Sigstore.Trust;

/// <summary>
/// A pinned Sigstore <c>trusted_root.json</c> (protobuf-specs TrustedRoot): the Fulcio CAs, Rekor logs, CT logs and
/// timestamp authorities that keyless verification trusts, fully offline.
/// </summary>
public sealed record TrustedRoot
{
    internal ImmutableArray<CertificateAuthority> CertificateAuthorities { get; init; } = [];

    internal ImmutableArray<TransparencyLog> TransparencyLogs { get; init; } = [];

    internal ImmutableArray<TransparencyLog> CertificateTransparencyLogs { get; init; } = [];

    internal ImmutableArray<CertificateAuthority> TimestampAuthorities { get; init; } = [];

    /// <summary>Reads a trusted root file (e.g. the public-good instance's, or a private deployment's).</summary>
    public static TrustedRoot Load(string path) => Parse(File.ReadAllBytes(path));

    /// <exception cref="BundleFormatException">The JSON is not a trusted root; the message names the field.</exception>
    public static TrustedRoot Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonPath.ParseDocument(json, "trusted root");
        var root = new JsonPath(document.RootElement, "$").Object();
        var mediaType = root.TryGet("mediaType")?.String();
        if (mediaType is not null && !mediaType.StartsWith("application/vnd.dev.sigstore.trustedroot", StringComparison.Ordinal))
        {
            throw JsonPath.Defect($"$.mediaType '{mediaType}' is not a Sigstore trusted root");
        }

        return new TrustedRoot
        {
            CertificateAuthorities = ReadAuthorities(root.TryGet("certificateAuthorities")),
            TransparencyLogs = ReadLogs(root.TryGet("tlogs")),
            CertificateTransparencyLogs = ReadLogs(root.TryGet("ctlogs")),
            TimestampAuthorities = ReadAuthorities(root.TryGet("timestampAuthorities")),
        };
    }

    internal TransparencyLog? FindLog(ReadOnlySpan<byte> logId) => Find(TransparencyLogs, logId);

    internal TransparencyLog? FindCertificateTransparencyLog(ReadOnlySpan<byte> logId) => Find(CertificateTransparencyLogs, logId);

    private static TransparencyLog? Find(ImmutableArray<TransparencyLog> logs, ReadOnlySpan<byte> logId)
    {
        foreach (var log in logs)
        {
            if (log.LogId.Span.SequenceEqual(logId))
            {
                return log;
            }
        }

        return null;
    }

    private static ImmutableArray<CertificateAuthority> ReadAuthorities(JsonPath? list) =>
        list is null ? [] : [.. list.Value.Items().Select(ReadAuthority)];

    private static CertificateAuthority ReadAuthority(JsonPath authority)
    {
        var certificates = authority.Required("certChain").Required("certificates").Items()
            .Select(certificate => CertificateReader.Read(certificate.Required("rawBytes")))
            .ToImmutableArray();
        return certificates.IsEmpty
            ? throw JsonPath.Defect($"{authority.Path}.certChain.certificates is empty")
            : new CertificateAuthority(certificates, ReadValidity(authority.TryGet("validFor")));
    }

    private static ImmutableArray<TransparencyLog> ReadLogs(JsonPath? list) =>
        list is null ? [] : [.. list.Value.Items().Select(ReadLog)];

    private static TransparencyLog ReadLog(JsonPath log)
    {
        var publicKey = log.Required("publicKey");
        var raw = publicKey.Required("rawBytes");
        VerificationKey key;
        try
        {
            key = VerificationKey.FromSubjectPublicKeyInfo(raw.Base64());
        }
        catch (FormatException e)
        {
            throw JsonPath.Defect($"{raw.Path}: {e.Message}");
        }

        // The log id is normally SHA-256 of the key; an explicit one (e.g. a CT log's) wins.
        var logId = log.TryGet("logId")?.Required("keyId").Base64() ?? key.KeyId.ToArray();
        return new TransparencyLog(log.TryGet("baseUrl")?.String() ?? "", key, logId, ReadValidity(publicKey.TryGet("validFor")));
    }

    private static TimeRange ReadValidity(JsonPath? validFor) =>
        validFor is null
            ? new TimeRange(DateTimeOffset.MinValue, null)
            : new TimeRange(validFor.Value.TryGet("start")?.Timestamp() ?? DateTimeOffset.MinValue, validFor.Value.TryGet("end")?.Timestamp());
}
