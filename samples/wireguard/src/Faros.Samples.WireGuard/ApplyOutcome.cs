namespace Faros.Samples.WireGuard;

/// <summary>Whether a rendered config was applied, with a CamelCase reason and a message for status.</summary>
public sealed record ApplyOutcome(bool Applied, string Reason, string Message);
