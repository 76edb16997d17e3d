using Faros.Sdk.Reconciliation;

namespace Faros.Sdk.Tests.Reconciliation;

/// <summary>A real reconciler whose passes follow a script: each entry is a result to return or an exception to throw.</summary>
internal sealed class ScriptedReconciler(params object[] script) : Reconciler<Thermostat>
{
    private int _pass;

    public int Passes => _pass;

    protected override Task<ReconcileResult> ReconcileCoreAsync(Thermostat resource, CancellationToken cancellationToken)
    {
        var step = script[Math.Min(_pass++, script.Length - 1)];
        return step switch
        {
            Exception ex => throw ex,
            ReconcileResult result => Task.FromResult(result),
            _ => throw new InvalidOperationException($"Unknown script step {step}"),
        };
    }
}
