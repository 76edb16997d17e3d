using k8s.Models;

namespace Faros.Cli.Resources;

/// <summary>How conditions read in tables and progress lines.</summary>
public static class Conditions
{
    public static string Describe(V1Condition? condition) =>
        condition is null ? "no status yet" : $"{condition.Type}={condition.Status} ({condition.Reason}{(string.IsNullOrEmpty(condition.Message) ? "" : ": " + condition.Message)})";

    /// <summary>The condition's status for a table cell (True, False, Unknown), empty when absent.</summary>
    public static string? Cell(V1Condition? condition) => condition?.Status;
}
