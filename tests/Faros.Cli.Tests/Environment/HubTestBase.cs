namespace Faros.Cli.Tests.Environment;

/// <summary>
/// Fixtures that drive the tool against the shared hub: an admin connection for the whole fixture and a fresh
/// sandbox per test, whose kubeconfig starts as a copy of the hub's admin kubeconfig unless a fixture prepares its own.
/// </summary>
public abstract class HubTestBase
{
    protected HubAdmin admin = null!;
    protected CliSandbox sandbox = null!;

    [OneTimeSetUp]
    public async Task ConnectAsync() => admin = await HubAdmin.ConnectAsync();

    [OneTimeTearDown]
    public void Disconnect() => admin?.Dispose();

    [SetUp]
    public async Task CreateSandboxAsync()
    {
        sandbox = new CliSandbox(admin.Hub.KubeconfigPath);
        await PrepareSandboxAsync();
    }

    [TearDown]
    public void DisposeSandbox() => sandbox.Dispose();

    protected virtual Task PrepareSandboxAsync() => Task.CompletedTask;

    protected static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
