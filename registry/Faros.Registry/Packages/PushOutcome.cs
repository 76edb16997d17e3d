namespace Faros.Registry.Packages;

public enum PushStatus
{
    Created,
    Duplicate,
    Forbidden,
    Invalid,
    PackageMissing,
}

/// <summary>The result of a push, for the controller to map to HTTP.</summary>
public sealed record PushOutcome(PushStatus Status, string Message, string? Id = null, string? Version = null)
{
    /// <summary>A trust-policy warning for an accepted push (a warn rule's failure), shown to the publisher.</summary>
    public string? Warning { get; init; }

    public PushOutcome WithWarning(string? warning) => warning is null ? this : this with { Warning = warning };

    public static PushOutcome Created(string id, string version) => new(PushStatus.Created, $"Stored {id} {version}.", id, version);
    public static PushOutcome Duplicate(string id, string version) =>
        new(PushStatus.Duplicate, $"{id} {version} already exists. Versions are immutable: bump the version, or pass --skip-duplicate.", id, version);
    public static PushOutcome Forbidden(string message) => new(PushStatus.Forbidden, message);
    public static PushOutcome Invalid(string message) => new(PushStatus.Invalid, message);
}
