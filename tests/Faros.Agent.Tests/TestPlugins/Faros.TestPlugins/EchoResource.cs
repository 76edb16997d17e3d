using Faros.Sdk;
using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.TestPlugins;

/// <summary>The test plugins' kind: a message the reconciler echoes into its status.</summary>
[KubernetesEntity(Group = "testplugins.faros.sh", ApiVersion = "v1alpha1", Kind = "Echo", PluralName = "echoes")]
public sealed class EchoResource : CustomResource<EchoSpec, EchoStatus>;

public sealed class EchoSpec
{
    public string Message { get; set; } = "";
}

public sealed class EchoStatus : ResourceStatus
{
    public string? Echoed { get; set; }
}

/// <summary>Echoes spec.message into status.echoed (with the plugin's generation) and sets Ready; "fail" throws.</summary>
public sealed class EchoReconciler(IPluginContext context, string generation) : Reconciler<EchoResource>
{
    protected override Task<ReconcileResult> ReconcileCoreAsync(EchoResource resource, CancellationToken cancellationToken)
    {
        if (resource.Spec.Message == "fail")
        {
            throw new InvalidOperationException("The echo reconciler was asked to fail.");
        }

        resource.Status.Echoed = $"{generation}: {resource.Spec.Message}";
        resource.Status.SetCondition("Ready", true, "Echoed", "The message was echoed.", resource.Metadata.Generation, context.Time.GetUtcNow());
        return Task.FromResult(ReconcileResult.Requeue(TimeSpan.FromMinutes(5)));
    }
}
