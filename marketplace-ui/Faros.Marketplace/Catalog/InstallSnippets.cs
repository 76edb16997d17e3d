namespace Faros.Marketplace.Catalog;

/// <summary>The three ways to install one plugin version: declaratively, with kubectl, or as a .NET dependency.</summary>
public sealed record InstallSnippets(string AgentYaml, string Kubectl, string DotnetAddPackage)
{
    /// <summary>Placeholder for the Agent the reader installs into; a plain word so the command is valid shell.</summary>
    public const string AgentPlaceholder = "my-agent";

    public static InstallSnippets For(string packageId, string version)
    {
        // Quoted: YAML would read 1.10 as the number 1.1.
        var yaml = $"""
            spec:
              plugins:
                - name: {PluginShortName.For(packageId)}
                  package: {packageId}
                  version: "{version}"
            """;
        return new InstallSnippets(
            yaml,
            $"kubectl faros plugins enable {AgentPlaceholder} {packageId}@{version}",
            $"dotnet add package {packageId} --version {version}");
    }
}
