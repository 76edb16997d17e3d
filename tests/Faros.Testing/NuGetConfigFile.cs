using System.Xml.Linq;

namespace Faros.Testing;

/// <summary>
/// Writes a nuget.config that makes a feed the ONLY source (&lt;clear/&gt;), so a passing restore proves the
/// feed served everything. The test registry listens on plain http://127.0.0.1, which NuGet refuses
/// (NU1302) unless the source opts in with allowInsecureConnections.
/// </summary>
public static class NuGetConfigFile
{
    public const string FileName = "nuget.config";

    public static string WriteSingleSource(string directory, string sourceName, Uri serviceIndex)
    {
        var document = new XDocument(
            new XElement("configuration",
                new XElement("packageSources",
                    new XElement("clear"),
                    new XElement("add",
                        new XAttribute("key", sourceName),
                        new XAttribute("value", serviceIndex.AbsoluteUri),
                        new XAttribute("protocolVersion", "3"),
                        new XAttribute("allowInsecureConnections", "true"))),
                // No fallback folders or audit sources that could satisfy or slow a restore.
                new XElement("fallbackPackageFolders", new XElement("clear")),
                new XElement("auditSources", new XElement("clear"))));

        var path = Path.Combine(directory, FileName);
        document.Save(path);
        return path;
    }
}
