using System.Security.Cryptography;
using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Cli;

/// <summary>
/// `dotnet restore` with this registry as the only source: the end-to-end proof that the v3 endpoints
/// (service index, flat container, registration) are right, including dependency resolution.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class DotnetRestoreTests(RegistrySetup setup) : RegistryFixture(setup)
{
    [Test]
    public async Task Restore_DownloadsThePackageAndItsDependency_ByteForByte()
    {
        var dependencyId = UniqueIds.For("RestoreDependency");
        var dependency = TestPackages.Create(dependencyId, "1.0.0");
        var newerDependency = TestPackages.Create(dependencyId, "1.1.0");
        var package = TestPackages.Build(new TestPackageSpec(UniqueIds.For("RestoreRoot"), "2.0.0")
        {
            Dependencies = [new TestPackageDependency("netstandard2.0", dependencyId, "1.0.0")],
        });
        await PushAsync(dependency);
        await PushAsync(newerDependency);
        await PushAsync(package);

        using var cli = RegistryCli.Create(Registry);
        TestProject.Write(cli.WorkingDirectory, (package.Id, "2.0.0"));
        var result = await cli.RunAsync("restore");

        Assert.That(result.Succeeded, Is.True, result.ToString());
        using (Assert.EnterMultipleScope())
        {
            // NuGet records the hash of the bytes it downloaded; equal hashes mean the feed served the pushed bytes.
            Assert.That(RestoredHash(cli, package), Is.EqualTo(Sha512(package.Content)), "root package hash");
            // The dependency range [1.0.0, ) resolves to its lowest match, which must come from this feed too.
            Assert.That(RestoredHash(cli, dependency), Is.EqualTo(Sha512(dependency.Content)), "dependency hash");
            Assert.That(Directory.Exists(Path.Combine(cli.PackagesFolder, newerDependency.LowerId, newerDependency.LowerVersion)), Is.False,
                "the newer dependency should not have been chosen");
        }
    }

    [Test]
    public async Task Restore_OfAnUnknownPackage_FailsWithNotFound()
    {
        using var cli = RegistryCli.Create(Registry);
        TestProject.Write(cli.WorkingDirectory, (UniqueIds.For("NoSuchPackage"), "1.0.0"));

        var result = await cli.RunAsync("restore");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Succeeded, Is.False, result.ToString());
            // NU1101: no versions of the package on any source (a 404 for its flat-container index).
            Assert.That(result.Output, Does.Contain("NU1101"), result.ToString());
        }
    }

    private static string? RestoredHash(DotnetCli cli, TestPackage package)
    {
        var path = Path.Combine(cli.PackagesFolder, package.LowerId, package.LowerVersion, $"{package.LowerId}.{package.LowerVersion}.nupkg.sha512");
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    private static string Sha512(byte[] content) => Convert.ToBase64String(SHA512.HashData(content));
}
