namespace Faros.Cli.Tests.Environment;

/// <summary>
/// One kube-apiserver (the hub) and one registry process for the whole assembly, each started the first time a
/// fixture asks for it and stopped after the last test. Missing binaries ignore the tests locally and fail them under CI.
/// </summary>
[SetUpFixture]
public sealed class SharedServices
{
    private static readonly Lazy<Task<KubernetesApiServer>> HubStart = new(() => KubernetesApiServer.StartAsync());
    private static readonly Lazy<Task<RegistryProcess>> RegistryStart = new(() => RegistryProcess.StartAsync());

    public static async Task<KubernetesApiServer> HubAsync() => await Require(HubStart.Value);

    public static async Task<RegistryProcess> RegistryAsync() => await Require(RegistryStart.Value);

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (HubStart.IsValueCreated && HubStart.Value.IsCompletedSuccessfully)
        {
            await HubStart.Value.Result.DisposeAsync();
        }

        if (RegistryStart.IsValueCreated && RegistryStart.Value.IsCompletedSuccessfully)
        {
            await RegistryStart.Value.Result.DisposeAsync();
        }
    }

    /// <summary>Ignores the test when the service is not installed locally; fails it under CI.</summary>
    public static async Task<T> Require<T>(Task<T> start)
    {
        try
        {
            return await start;
        }
        catch (MissingServiceException missing)
        {
            if (MissingServiceException.RunningInCi)
            {
                Assert.Fail(missing.Message);
            }

            Assert.Ignore(missing.Message);
            throw;
        }
    }
}
