using Faros.Signing.Policy;

namespace Faros.Signing.Tests.Policy;

public sealed class SignedPackageTests
{
    [Test]
    public void The_id_and_package_types_come_from_the_nuspec()
    {
        var nupkg = TestPackages.Build(new TestPackageSpec("Contoso.Thermostat", "2.1.0") { PackageTypes = ["FarosPlugin"] }).Content;

        var package = SignedPackage.Read(nupkg, "{}"u8.ToArray());

        Assert.Multiple(() =>
        {
            Assert.That(package.Id, Is.EqualTo("Contoso.Thermostat"));
            Assert.That(package.PackageTypes, Is.EqualTo(new[] { "FarosPlugin" }));
            Assert.That(package.Package.ToArray(), Is.EqualTo(nupkg));
            Assert.That(package.SigstoreBundle!.Value.ToArray(), Is.EqualTo("{}"u8.ToArray()));
        });
    }

    [Test]
    public void Bytes_that_are_not_a_nupkg_are_named()
    {
        var error = Assert.Throws<InvalidDataException>(() => SignedPackage.Read("not a zip"u8.ToArray()));
        Assert.That(error!.Message, Does.Contain("Not a readable .nupkg"));
    }
}
