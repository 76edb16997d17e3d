namespace Faros.Signing.Sigstore.Trust;

/// <summary>When a trusted-root key or CA may be used; an open end means "until replaced".</summary>
internal readonly record struct TimeRange(DateTimeOffset Start, DateTimeOffset? End)
{
    public bool Contains(DateTimeOffset time) => time >= Start && (End is null || time <= End);
}
