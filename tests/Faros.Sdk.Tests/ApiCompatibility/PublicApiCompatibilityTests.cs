using Faros.Sdk.Manifest;

namespace Faros.Sdk.Tests.ApiCompatibility;

/// <summary>
/// Plugins are built against one Faros.Sdk and loaded by hosts carrying another within the manifest's
/// range ([major.minor, next major)), so within a major version no public member may disappear or change.
/// To record an intended change: FAROS_UPDATE_API_BASELINE=1 dotnet test --filter PublicApiCompatibilityTests
/// (and bump the major version in sdk/Directory.Build.props if anything was removed or changed).
/// </summary>
public sealed class PublicApiCompatibilityTests
{
    private static readonly System.Reflection.Assembly Sdk = typeof(PluginManifest).Assembly;

    private static Version CurrentVersion => Sdk.GetName().Version!;

    [OneTimeSetUp]
    public void UpdateBaselineWhenAsked()
    {
        if (Environment.GetEnvironmentVariable("FAROS_UPDATE_API_BASELINE") == "1")
        {
            PublicApiBaseline.Save(CurrentVersion, PublicApiListing.Of(Sdk));
        }
    }

    [Test]
    public void No_public_member_was_removed_or_changed_within_a_major_version()
    {
        var baseline = PublicApiBaseline.Load();
        if (CurrentVersion.Major > baseline.SdkVersion.Major)
        {
            Assert.Pass($"Major version {CurrentVersion.Major} > baseline {baseline.SdkVersion.Major}: breaking changes are allowed; refresh the baseline.");
        }

        var removed = baseline.Lines.Except(PublicApiListing.Of(Sdk), StringComparer.Ordinal).ToArray();

        Assert.That(removed, Is.Empty,
            "These public members of Faros.Sdk were removed or changed, which breaks plugins built against " +
            $"{baseline.SdkVersion}. Restore them, or bump the major version and refresh the baseline:{Environment.NewLine}" +
            string.Join(Environment.NewLine, removed));
    }

    [Test]
    public void Additions_are_recorded_in_the_baseline()
    {
        var added = PublicApiListing.Of(Sdk).Except(PublicApiBaseline.Load().Lines, StringComparer.Ordinal).ToArray();

        Assert.That(added, Is.Empty,
            "New public members are not in ApiCompatibility/Faros.Sdk.api.txt (additions need a minor version bump). " +
            $"Run with FAROS_UPDATE_API_BASELINE=1 to record them:{Environment.NewLine}" + string.Join(Environment.NewLine, added));
    }

    [Test]
    public void The_listing_notices_a_changed_signature()
    {
        // Guards the guard: two types differing only in a parameter type must list differently.
        var listing = PublicApiListing.Of(typeof(PublicApiCompatibilityTests).Assembly);

        Assert.That(listing, Has.Some.Contains("ListingProbe::public System.Void Accept(System.Int32 value)"));
        Assert.That(listing, Has.Some.Contains("ListingProbe::public System.Void Accept(System.Int64 value)"));
    }
}

/// <summary>Probe type for <see cref="PublicApiCompatibilityTests.The_listing_notices_a_changed_signature"/>.</summary>
public sealed class ListingProbe
{
    public void Accept(int value) => _ = value;

    public void Accept(long value) => _ = value;
}
