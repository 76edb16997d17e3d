namespace Faros.Sdk.Reconciliation;

/// <summary>A resource whose status the SDK can maintain (conditions, observed generation).</summary>
public interface IHasResourceStatus
{
    /// <summary>The resource's status object, created if missing.</summary>
    ResourceStatus CurrentStatus { get; }
}
