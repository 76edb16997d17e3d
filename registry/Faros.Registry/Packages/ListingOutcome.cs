namespace Faros.Registry.Packages;

public enum ListingStatus
{
    Done,
    NotFound,
    Forbidden,
}

/// <summary>The result of unlisting, relisting, deprecating or deleting a version.</summary>
public sealed record ListingOutcome(ListingStatus Status, string Message)
{
    public static ListingOutcome Done(string message) => new(ListingStatus.Done, message);
    public static ListingOutcome NotFound(string id, string version) =>
        new(ListingStatus.NotFound, $"{id} {version} is not in the registry. Check the id and version.");
    public static ListingOutcome Forbidden(string message) => new(ListingStatus.Forbidden, message);
}
