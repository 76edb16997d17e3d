using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Sdk.Tests.Reconciliation;

public sealed class ConditionListTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Adds_a_condition_with_every_metav1_field()
    {
        var conditions = new List<V1Condition>();

        var changed = conditions.SetCondition("Ready", ConditionStatus.True, "Applied", "All good.", 7, T0);

        var ready = conditions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(changed, Is.True);
            Assert.That(ready.Type, Is.EqualTo("Ready"));
            Assert.That(ready.Status, Is.EqualTo("True"));
            Assert.That(ready.Reason, Is.EqualTo("Applied"));
            Assert.That(ready.Message, Is.EqualTo("All good."));
            Assert.That(ready.ObservedGeneration, Is.EqualTo(7));
            Assert.That(ready.LastTransitionTime, Is.EqualTo(T0.UtcDateTime));
        });
    }

    [Test]
    public void The_transition_time_moves_only_when_the_status_changes()
    {
        var conditions = new List<V1Condition>();
        conditions.SetCondition("Ready", ConditionStatus.False, "Waiting", "a", 1, T0);

        var sameStatus = conditions.SetCondition("Ready", ConditionStatus.False, "StillWaiting", "b", 2, T0.AddMinutes(1));
        var afterSameStatus = conditions[0].LastTransitionTime;
        conditions.SetCondition("Ready", ConditionStatus.True, "Done", "c", 2, T0.AddMinutes(2));

        Assert.Multiple(() =>
        {
            Assert.That(sameStatus, Is.True);
            Assert.That(afterSameStatus, Is.EqualTo(T0.UtcDateTime));
            Assert.That(conditions[0].LastTransitionTime, Is.EqualTo(T0.AddMinutes(2).UtcDateTime));
            Assert.That(conditions, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Setting_an_identical_condition_reports_no_change()
    {
        var conditions = new List<V1Condition>();
        conditions.SetCondition("Ready", ConditionStatus.True, "Applied", "ok", 1, T0);

        Assert.That(conditions.SetCondition("Ready", ConditionStatus.True, "Applied", "ok", 1, T0.AddHours(1)), Is.False);
    }

    [TestCase("Ready", "Maybe", "Reason")]
    [TestCase("Ready", "True", "not camel case")]
    [TestCase("Ready", "True", "")]
    [TestCase("", "True", "Reason")]
    public void Rejects_values_that_break_metav1_rules(string type, string status, string reason) =>
        Assert.Throws<ArgumentException>(() => new List<V1Condition>().SetCondition(type, status, reason, "", null, T0));

    [Test]
    public void Removes_and_finds_by_type()
    {
        var status = new ResourceStatus();
        status.SetCondition("Ready", true, "Ok", "", null, T0);
        status.SetCondition("Degraded", false, "Fine", "", null, T0);

        Assert.That(status.IsConditionTrue("Ready"), Is.True);
        Assert.That(status.IsConditionTrue("Degraded"), Is.False);
        Assert.That(status.Conditions.RemoveCondition("Ready"), Is.True);
        Assert.That(status.FindCondition("Ready"), Is.Null);
    }
}
