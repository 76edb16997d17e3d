namespace Faros.Signing.Sigstore.Trust;

/// <summary>A transparency log (Rekor) or certificate-transparency log from the trusted root, named by its key id.</summary>
internal sealed record TransparencyLog(string BaseUrl, VerificationKey Key, ReadOnlyMemory<byte> LogId, TimeRange ValidFor);
