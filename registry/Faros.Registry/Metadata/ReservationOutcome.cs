namespace Faros.Registry.Metadata;

/// <summary>What happened when a push tried to reserve an id and version.</summary>
public enum ReservationOutcome
{
    Reserved,
    Duplicate,
    OwnedByAnother,
}
