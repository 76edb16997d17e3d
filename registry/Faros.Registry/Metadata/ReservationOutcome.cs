namespace Faros.Registry.Metadata;

/// <summary>What happened when a push tried to reserve an id and version.</summary>
public enum ReservationOutcome
{
    Reserved,
    /// <summary>Reserved by taking over the pending row of a push that died; its files may still be lying around.</summary>
    ReservedOverAbandoned,
    Duplicate,
    OwnedByAnother,
}
