namespace Faros.Operator.Registrations;

/// <summary>What devices are told about the hub, and how their tokens are issued.</summary>
/// <param name="Server">The API server URL as devices reach it.</param>
/// <param name="CertificateAuthorityData">Base64 PEM of the API server's CA; null when devices trust it otherwise.</param>
/// <param name="TokenLifetime">Lifetime of a token the operator requests itself (when no token controller fills the Secret).</param>
/// <param name="Resync">How often a Registration is checked again, e.g. for new configRefs of its Agent.</param>
public sealed record RegistrationSettings(Uri Server, string? CertificateAuthorityData, TimeSpan TokenLifetime, TimeSpan Resync);
