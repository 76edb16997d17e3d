using System.Reflection;
using Faros.Testing;

namespace Faros.Sdk.Tests.Fixtures;

/// <summary>
/// Faros.Sdk and Faros.Templates packed from this checkout into a temp folder, once per test run, so
/// tests consume them exactly as plugin authors do: as NuGet packages.
/// </summary>
internal sealed class PackedSdk
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PackedSdk? _instance;

    private readonly TempDirectory _directory;

    private PackedSdk(TempDirectory directory, string sdkPackage, string templatesPackage)
    {
        _directory = directory;
        Directory = directory.Path;
        SdkPackage = sdkPackage;
        TemplatesPackage = templatesPackage;
    }

    /// <summary>The folder holding both .nupkg files (usable as a local feed).</summary>
    public string Directory { get; }

    public string SdkPackage { get; }

    public string TemplatesPackage { get; }

    /// <summary>The version both packages carry (the SDK assembly's version).</summary>
    public static string Version => typeof(IFarosPlugin).Assembly.GetName().Version!.ToString(3);

    public static async Task<PackedSdk> GetAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return _instance ??= await PackAsync().ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Deletes the packages, if they were made.</summary>
    public static void Release()
    {
        _instance?._directory.Dispose();
        _instance = null;
    }

    private static async Task<PackedSdk> PackAsync()
    {
        var root = RepositoryRoot.Find();
        var configuration = typeof(PackedSdk).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        // Lives for the whole run; removed by TestRun's one-time teardown.
        var folder = new TempDirectory("sdk-packages");
        var output = folder.Path;
        using var cli = new DotnetCli("sdk-pack");

        // Faros.Sdk (and the manifest tool it packs) were built as this test project's references: pack
        // without building so a concurrent solution build never races on the same outputs.
        var sdk = await cli.RunInAsync(root, ["pack", "sdk/Faros.Sdk/Faros.Sdk.csproj", "-c", configuration, "--no-build", "-o", output]).ConfigureAwait(false);
        if (!sdk.Succeeded)
        {
            throw new InvalidOperationException($"Packing Faros.Sdk failed:{Environment.NewLine}{sdk}");
        }

        var templates = await cli.RunInAsync(root, ["pack", "sdk/Faros.Templates/Faros.Templates.csproj", "-c", configuration, "-o", output]).ConfigureAwait(false);
        if (!templates.Succeeded)
        {
            throw new InvalidOperationException($"Packing Faros.Templates failed:{Environment.NewLine}{templates}");
        }

        return new PackedSdk(
            folder,
            Path.Combine(output, $"Faros.Sdk.{Version}.nupkg"),
            Path.Combine(output, $"Faros.Templates.{Version}.nupkg"));
    }
}
