using System.Xml.Linq;

namespace Faros.Registry.Tests.Infrastructure;

/// <summary>
/// A hand-written SDK-style net10.0 project, as a plugin consumer would have. Written outside the repo
/// (in the CLI sandbox) so the repo's Directory.Build.props / central package management do not apply.
/// </summary>
public static class TestProject
{
    public const string FileName = "Consumer.csproj";

    public static string Write(string directory, params (string Id, string Version)[] packageReferences)
    {
        var itemGroup = new XElement("ItemGroup",
            packageReferences.Select(p => new XElement("PackageReference",
                new XAttribute("Include", p.Id),
                new XAttribute("Version", p.Version))));
        var project = new XElement("Project",
            new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup",
                new XElement("TargetFramework", "net10.0"),
                new XElement("OutputType", "Library"),
                // Nothing in this project needs auditing, and there is no vulnerability feed to ask.
                new XElement("NuGetAudit", "false")),
            itemGroup);

        var path = Path.Combine(directory, FileName);
        new XDocument(project).Save(path);
        return path;
    }

    /// <summary>The Version attribute `dotnet add package` wrote for a package, or null when absent.</summary>
    public static string? ReferencedVersion(string projectPath, string packageId) =>
        XDocument.Load(projectPath)
            .Descendants("PackageReference")
            .Where(e => string.Equals((string?)e.Attribute("Include"), packageId, StringComparison.OrdinalIgnoreCase))
            .Select(e => (string?)e.Attribute("Version") ?? (string?)e.Element("Version"))
            .FirstOrDefault();
}
