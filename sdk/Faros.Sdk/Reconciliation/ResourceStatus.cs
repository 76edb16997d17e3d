using System.Text.Json.Serialization;
using k8s.Models;

namespace Faros.Sdk.Reconciliation;

/// <summary>
/// Status every Faros custom resource carries: metav1 conditions and the generation last reconciled.
/// Derive from it to add kind-specific fields.
/// </summary>
public class ResourceStatus
{
    /// <summary>metadata.generation of the spec the status describes.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>metav1-style conditions, one per type.</summary>
    [JsonPropertyName("conditions")]
    public IList<V1Condition> Conditions { get; set; } = [];

    /// <summary>Sets a condition; see <see cref="ConditionList.SetCondition"/>.</summary>
    public bool SetCondition(string type, bool status, string reason, string message, long? observedGeneration, DateTimeOffset now) =>
        Conditions.SetCondition(type, status ? ConditionStatus.True : ConditionStatus.False, reason, message, observedGeneration, now);

    /// <summary>The condition of <paramref name="type"/>, or null.</summary>
    public V1Condition? FindCondition(string type) => Conditions.FindCondition(type);

    /// <summary>Whether the condition of <paramref name="type"/> exists and is True.</summary>
    public bool IsConditionTrue(string type) => FindCondition(type)?.Status == ConditionStatus.True;
}
