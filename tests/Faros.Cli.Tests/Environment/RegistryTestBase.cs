namespace Faros.Cli.Tests.Environment;

/// <summary>
/// Fixtures that drive the tool against a registry process only (no hub): a fresh sandbox without a kubeconfig per
/// test, and the registry's service index to pass as --registry. The fixture sets <see cref="registry"/> in its setup.
/// </summary>
public abstract class RegistryTestBase
{
    protected RegistryProcess registry = null!;
    protected CliSandbox sandbox = null!;

    protected string Registry => registry.ServiceIndex.ToString();

    [SetUp]
    public void CreateSandbox() => sandbox = new CliSandbox(kubeconfigSource: null);

    [TearDown]
    public void DisposeSandbox() => sandbox.Dispose();
}
