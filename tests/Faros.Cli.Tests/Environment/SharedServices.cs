namespace Faros.Cli.Tests.Environment;

/// <summary>
/// One kube-apiserver (the hub) and one registry process for the whole assembly, each started the first time a
/// fixture asks for it and stopped after the last test (<see cref="CliTestRun"/>). Missing binaries ignore the tests
/// locally and fail them under CI.
/// </summary>
public static class SharedServices
{
    private static readonly Lazy<Task<KubernetesApiServer>> HubStart = new(() => KubernetesApiServer.StartAsync());
    private static readonly Lazy<Task<RegistryProcess>> RegistryStart = new(() => RegistryProcess.StartAsync());

    public static Task<KubernetesApiServer> HubAsync() => RequiredService.RequireAsync(HubStart.Value);

    public static Task<RegistryProcess> RegistryAsync() => RequiredService.RequireAsync(RegistryStart.Value);

    public static async Task StopAsync()
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

}
