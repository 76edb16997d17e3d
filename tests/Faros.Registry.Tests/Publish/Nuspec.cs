namespace Faros.Registry.Tests.Publish;

/// <summary>Hand-written nuspec XML, for packages that PackageBuilder would refuse to build.</summary>
public static class Nuspec
{
    public static string Minimal(string id, string version, string? doctype = null, string description = "Malformed package test.") =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        {doctype}
        <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
          <metadata>
            <id>{id}</id>
            <version>{version}</version>
            <authors>Faros Tests</authors>
            <description>{description}</description>
          </metadata>
        </package>
        """;
}
