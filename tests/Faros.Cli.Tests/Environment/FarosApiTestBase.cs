using Faros.Api.Crds;
using k8s;
using k8s.Models;

namespace Faros.Cli.Tests.Environment;

/// <summary>
/// Fixtures for commands on Faros resources: the Faros CRDs installed on the shared hub (once), a fresh namespace per
/// test, and an <see cref="OperatorStandIn"/> to play the operator's part.
/// </summary>
public abstract class FarosApiTestBase : HubTestBase
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool installed;

    protected string ns = "";

    protected OperatorStandIn Operator => new(admin);

    [OneTimeSetUp]
    public async Task InstallCrdsAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (!installed)
            {
                await CustomResourceDefinitionInstaller.InstallFarosAsync(admin.Client);
                installed = true;
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    protected override async Task PrepareSandboxAsync()
    {
        ns = NewName("t");
        await admin.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
    }
}
