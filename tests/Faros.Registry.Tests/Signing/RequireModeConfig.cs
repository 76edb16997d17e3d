using System.Xml.Linq;

namespace Faros.Registry.Tests.Signing;

/// <summary>
/// A nuget.config with the test registry as the only source, signatureValidationMode=require, and one
/// &lt;repository&gt; trusted signer: only packages carrying that repository certificate's signature restore.
/// </summary>
public static class RequireModeConfig
{
    public static void Write(string directory, Uri source, string signedServiceIndex, string repositoryFingerprint)
    {
        var path = NuGetConfigFile.WriteSingleSource(directory, "faros", source);
        var document = XDocument.Load(path);
        document.Root!.Add(
            new XElement("config", new XElement("add", new XAttribute("key", "signatureValidationMode"), new XAttribute("value", "require"))),
            new XElement("trustedSigners",
                new XElement("repository",
                    new XAttribute("name", "faros"),
                    new XAttribute("serviceIndex", signedServiceIndex),
                    new XElement("certificate",
                        new XAttribute("fingerprint", repositoryFingerprint),
                        new XAttribute("hashAlgorithm", "SHA256"),
                        new XAttribute("allowUntrustedRoot", "false")))));
        document.Save(path);
    }
}
