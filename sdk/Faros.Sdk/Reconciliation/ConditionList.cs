using System.Text.RegularExpressions;
using k8s.Models;

namespace Faros.Sdk.Reconciliation;

/// <summary>metav1 condition rules (as in apimachinery's meta.SetStatusCondition) over a list of conditions.</summary>
public static partial class ConditionList
{
    /// <summary>
    /// Adds or updates the condition of <paramref name="type"/>. lastTransitionTime changes only when the
    /// status changes, so watchers can tell how long a state has held.
    /// </summary>
    /// <returns>Whether anything changed, so callers can skip a status write.</returns>
    /// <exception cref="ArgumentException">Type, status or reason break the metav1 rules.</exception>
    public static bool SetCondition(this IList<V1Condition> conditions, string type, string status, string reason, string message, long? observedGeneration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (string.IsNullOrEmpty(type))
        {
            throw new ArgumentException("Condition type is required.", nameof(type));
        }

        if (status is not (ConditionStatus.True or ConditionStatus.False or ConditionStatus.Unknown))
        {
            throw new ArgumentException($"Condition status must be True, False or Unknown, not '{status}'.", nameof(status));
        }

        // metav1 requires a CamelCase reason so tools can switch on it.
        if (!ReasonPattern().IsMatch(reason ?? ""))
        {
            throw new ArgumentException($"Condition reason '{reason}' must be CamelCase (letters, digits, ',', ':', '_').", nameof(reason));
        }

        var existing = conditions.FindCondition(type);
        if (existing is null)
        {
            conditions.Add(new V1Condition
            {
                Type = type,
                Status = status,
                Reason = reason!,
                Message = message ?? "",
                LastTransitionTime = now.UtcDateTime,
                ObservedGeneration = observedGeneration,
            });
            return true;
        }

        var changed = false;
        if (existing.Status != status)
        {
            existing.Status = status;
            existing.LastTransitionTime = now.UtcDateTime;
            changed = true;
        }

        if (existing.Reason != reason)
        {
            existing.Reason = reason!;
            changed = true;
        }

        if (existing.Message != (message ?? ""))
        {
            existing.Message = message ?? "";
            changed = true;
        }

        if (existing.ObservedGeneration != observedGeneration)
        {
            existing.ObservedGeneration = observedGeneration;
            changed = true;
        }

        return changed;
    }

    /// <summary>The condition of <paramref name="type"/>, or null.</summary>
    public static V1Condition? FindCondition(this IEnumerable<V1Condition> conditions, string type) =>
        conditions.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal));

    /// <summary>Removes the condition of <paramref name="type"/>; returns whether it was there.</summary>
    public static bool RemoveCondition(this IList<V1Condition> conditions, string type)
    {
        var existing = conditions.FindCondition(type);
        return existing is not null && conditions.Remove(existing);
    }

    [GeneratedRegex(@"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")]
    private static partial Regex ReasonPattern();
}
