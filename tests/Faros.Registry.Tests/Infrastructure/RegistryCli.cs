namespace Faros.Registry.Tests.Infrastructure;

/// <summary>
/// A hermetic `dotnet` CLI sandbox whose only package source is the test registry, registered under
/// <see cref="SourceName"/> in a nuget.config in the sandbox's working directory.
/// Create one per CLI scenario: a fresh sandbox also means a fresh NuGet HTTP cache.
/// </summary>
public static class RegistryCli
{
    public const string SourceName = "faros";

    public static DotnetCli Create(RegistryProcess registry)
    {
        var cli = new DotnetCli("registry-cli");
        NuGetConfigFile.WriteSingleSource(cli.WorkingDirectory, SourceName, registry.ServiceIndex);
        return cli;
    }
}
