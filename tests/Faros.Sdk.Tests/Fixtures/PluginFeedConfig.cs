using System.Xml.Linq;

namespace Faros.Sdk.Tests.Fixtures;

/// <summary>
/// A nuget.config for plugin projects: Faros packages come only from the Faros feed (package source
/// mapping), everything else from the public mirror. The mapping matters: without it a same-named package
/// on the public feed could satisfy Faros.Sdk and the test would prove nothing about the Faros feed.
/// </summary>
internal static class PluginFeedConfig
{
    public const string FarosSourceName = "faros";
    private const string PublicFeed = "https://api.nuget.org/v3/index.json";

    public static string Write(string directory, string farosFeed)
    {
        var isHttp = farosFeed.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
        var farosSource = new XElement("add", new XAttribute("key", FarosSourceName), new XAttribute("value", farosFeed));
        if (isHttp)
        {
            // The test registry serves plain http on 127.0.0.1, which NuGet refuses (NU1302) without this.
            farosSource.Add(new XAttribute("allowInsecureConnections", "true"));
        }

        var document = new XDocument(
            new XElement("configuration",
                new XElement("packageSources",
                    new XElement("clear"),
                    farosSource,
                    new XElement("add", new XAttribute("key", "nuget.org"), new XAttribute("value", PublicFeed))),
                new XElement("packageSourceMapping",
                    new XElement("packageSource", new XAttribute("key", FarosSourceName),
                        new XElement("package", new XAttribute("pattern", "Faros.*")),
                        new XElement("package", new XAttribute("pattern", "Acme.*"))),
                    new XElement("packageSource", new XAttribute("key", "nuget.org"),
                        new XElement("package", new XAttribute("pattern", "*")))),
                new XElement("auditSources", new XElement("clear"))));

        var path = Path.Combine(directory, "nuget.config");
        document.Save(path);
        return path;
    }
}
