using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using Faros.Registry.Metadata;
using Faros.Sdk.Manifest;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace Faros.Registry.Packages;

/// <summary>
/// Checks an uploaded .nupkg or .snupkg before anything is stored: a sound zip with safe entry names and
/// no decompression bomb, exactly one nuspec that parses without DTDs, a valid id and version that agree
/// with the file names, and every file the nuspec points at present.
/// </summary>
public sealed class PackageValidator
{
    private const int MaxIdLength = 100;
    private const long MaxSideFileBytes = 1024 * 1024;
    private const long SuspiciousEntryBytes = 1024 * 1024;
    private const double MaxCompressionRatio = 100;
    private const string GenericUploadName = "package.nupkg";

    public PackageValidationResult Validate(UploadedFile upload, bool expectSymbolPackage)
    {
        using var stream = new FileStream(upload.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException exception)
        {
            return Fail($"The upload is not a valid zip archive ({exception.Message}). Push the .nupkg that 'dotnet pack' produced.");
        }

        using (archive)
        {
            try
            {
                return ValidateArchive(archive, upload, expectSymbolPackage, stream);
            }
            catch (InvalidDataException exception)
            {
                return Fail($"The zip archive is damaged or truncated ({exception.Message}). Pack it again and push the complete file.");
            }
        }
    }

    private static PackageValidationResult ValidateArchive(ZipArchive archive, UploadedFile upload, bool expectSymbolPackage, Stream file)
    {
        var entryNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in archive.Entries)
        {
            if (UnsafeEntryReason(entry.FullName) is { } reason)
            {
                return Fail($"The package has an unsafe entry path '{entry.FullName}': {reason}. Repack without it.");
            }

            if (!entryNames.Add(entry.FullName))
            {
                return Fail($"The package has the entry '{entry.FullName}' twice. Repack it so every path is unique.");
            }

            if (entry.Length > SuspiciousEntryBytes && entry.Length > entry.CompressedLength * MaxCompressionRatio)
            {
                return Fail(
                    $"The entry '{entry.FullName}' expands from {entry.CompressedLength} to {entry.Length} bytes, a compression ratio over {MaxCompressionRatio}:1, " +
                    "which is refused as a decompression bomb.");
            }
        }

        var nuspecEntries = archive.Entries
            .Where(entry => !entry.FullName.Contains('/') && entry.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (nuspecEntries.Count == 0)
        {
            return Fail("The package has no .nuspec file at its root. Every .nupkg needs exactly one; pack it with 'dotnet pack'.");
        }

        if (nuspecEntries.Count > 1)
        {
            return Fail($"The package has {nuspecEntries.Count} .nuspec files at its root ({string.Join(", ", nuspecEntries.Select(e => e.FullName))}); it must have exactly one.");
        }

        var nuspecEntry = nuspecEntries[0];
        if (nuspecEntry.Length > MaxSideFileBytes)
        {
            return Fail($"The nuspec is {nuspecEntry.Length} bytes; the limit is {MaxSideFileBytes}.");
        }

        var nuspecBytes = ReadAll(nuspecEntry);
        XDocument document;
        try
        {
            document = LoadWithoutDtd(nuspecBytes);
        }
        catch (XmlException exception)
        {
            return Fail($"The nuspec is not valid XML or uses a DTD, which is not allowed: {exception.Message}");
        }

        var nuspec = new NuspecReader(document);
        var id = nuspec.GetId();
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength || !PackageIdValidator.IsValidPackageId(id))
        {
            return Fail($"The package id '{id}' is not valid. Ids are up to {MaxIdLength} letters, digits, '.', '-' and '_', starting with a letter or digit.");
        }

        var versionText = nuspec.GetMetadataValue("version");
        if (!NuGetVersion.TryParse(versionText, out var version))
        {
            return Fail($"The version '{versionText}' in the nuspec is not a valid NuGet version. Use SemVer, for example 1.2.3 or 1.2.3-beta.1.");
        }

        if (!string.Equals(nuspecEntry.FullName, id + ".nuspec", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"The nuspec file is named '{nuspecEntry.FullName}' but the package id is '{id}'; they must agree ('{id}.nuspec').");
        }

        if (FileNameMismatch(upload.ClientFileName, id, version, expectSymbolPackage) is { } mismatch)
        {
            return Fail(mismatch);
        }

        IReadOnlyList<PackageTypeRecord> packageTypes;
        IReadOnlyList<DependencyGroupRecord> dependencyGroups;
        try
        {
            packageTypes = nuspec.GetPackageTypes().Select(type => new PackageTypeRecord(type.Name, type.Version == PackageType.EmptyVersion ? null : type.Version.ToString())).ToList();
            dependencyGroups = nuspec.GetDependencyGroups().Select(ToRecord).ToList();
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidDataException or PackagingException)
        {
            return Fail($"The nuspec's dependencies or package types are malformed: {exception.Message}");
        }

        var isSymbolPackage = packageTypes.Any(type => type.Name.Equals("SymbolsPackage", StringComparison.OrdinalIgnoreCase));
        if (expectSymbolPackage && !isSymbolPackage)
        {
            return Fail("A symbol package (.snupkg) must have the package type SymbolsPackage. Create it with 'dotnet pack -p:SymbolPackageFormat=snupkg'.");
        }

        if (!expectSymbolPackage && isSymbolPackage)
        {
            return Fail("This is a symbol package; push it to the symbol endpoint (dotnet nuget push does this for .snupkg files).");
        }

        // NuGet writes symbol packages without authors (and owners, license), so only packages must carry them.
        if (!isSymbolPackage && string.IsNullOrWhiteSpace(nuspec.GetDescription()))
        {
            return Fail("The nuspec has no description. Add <Description> to the project (or <description> to the nuspec).");
        }

        if (!isSymbolPackage && string.IsNullOrWhiteSpace(nuspec.GetAuthors()))
        {
            return Fail("The nuspec has no authors. Add <Authors> to the project (or <authors> to the nuspec).");
        }

        if (packageTypes.Count == 0)
        {
            packageTypes = [new PackageTypeRecord("Dependency", null)];
        }

        byte[]? readme = null;
        var readmePath = nuspec.GetReadme();
        if (!string.IsNullOrEmpty(readmePath))
        {
            var result = ReadSideFile(archive, readmePath, "readme", out readme);
            if (result is not null)
            {
                return result;
            }
        }

        byte[]? icon = null;
        var iconPath = nuspec.GetIcon();
        if (!string.IsNullOrEmpty(iconPath))
        {
            var result = ReadSideFile(archive, iconPath, "icon", out icon);
            if (result is not null)
            {
                return result;
            }
        }

        PluginManifestRecord? plugin = null;
        if (packageTypes.Any(type => type.Name.Equals(PluginPackageConventions.PackageType, StringComparison.OrdinalIgnoreCase)))
        {
            var (manifest, defect) = ReadPluginManifest(archive, id);
            if (defect is not null)
            {
                return Fail(defect);
            }

            plugin = manifest;
        }

        var license = nuspec.GetLicenseMetadata();
        if (license?.Type == LicenseType.File && archive.GetEntry(NormalizeEntryPath(license.License)) is null)
        {
            return Fail($"The license file '{license.License}' named in the nuspec is not in the package. Include it with Pack=\"true\".");
        }

        file.Position = 0;
        var hash = Convert.ToBase64String(SHA512.HashData(file));
        var metadata = new PackageRecord
        {
            Id = id,
            LowerId = id.ToLowerInvariant(),
            Version = version.ToNormalizedString(),
            LowerVersion = version.ToNormalizedString().ToLowerInvariant(),
            OriginalVersion = versionText,
            IsPrerelease = version.IsPrerelease,
            IsSemVer2 = version.IsSemVer2 || dependencyGroups.Any(group => group.Dependencies.Any(dependency => IsSemVer2Range(dependency.Range))),
            Listed = true,
            Published = DateTimeOffset.UtcNow,
            Title = nuspec.GetTitle() ?? "",
            Description = nuspec.GetDescription() ?? "",
            Summary = nuspec.GetSummary() ?? "",
            Authors = nuspec.GetAuthors() ?? "",
            Tags = nuspec.GetTags() ?? "",
            ProjectUrl = NullIfEmpty(nuspec.GetProjectUrl()),
            LicenseUrl = NullIfEmpty(nuspec.GetLicenseUrl()),
            LicenseExpression = license?.Type == LicenseType.Expression ? license.License : null,
            IconUrl = NullIfEmpty(nuspec.GetIconUrl()),
            ReleaseNotes = NullIfEmpty(nuspec.GetReleaseNotes()),
            Copyright = NullIfEmpty(nuspec.GetCopyright()),
            Language = NullIfEmpty(nuspec.GetLanguage()),
            MinClientVersion = nuspec.GetMinClientVersion()?.ToNormalizedString(),
            RequireLicenseAcceptance = nuspec.GetRequireLicenseAcceptance(),
            PackageTypes = packageTypes,
            DependencyGroups = dependencyGroups,
            ReadmeFile = readme is null ? null : readmePath,
            IconFile = icon is null ? null : iconPath,
            Size = upload.Length,
            Sha512 = hash,
            Plugin = plugin,
        };
        return PackageValidationResult.Valid(new ValidatedPackage(metadata, nuspecBytes, readme, icon, isSymbolPackage));
    }

    /// <summary>A FarosPlugin package must carry a valid faros-plugin.json; the SDK's own validator decides.</summary>
    private static (PluginManifestRecord? Manifest, string? Defect) ReadPluginManifest(ZipArchive archive, string id)
    {
        var entry = archive.GetEntry(PluginPackageConventions.ManifestFileName);
        if (entry is null)
        {
            return (null, $"This {PluginPackageConventions.PackageType} package has no {PluginPackageConventions.ManifestFileName} at its root. " +
                "Reference Faros.Sdk in the plugin project so that 'dotnet pack' generates it.");
        }

        if (entry.Length > MaxSideFileBytes)
        {
            return (null, $"{PluginPackageConventions.ManifestFileName} is {entry.Length} bytes; the limit is {MaxSideFileBytes}.");
        }

        var bytes = ReadAll(entry);
        PluginManifest manifest;
        try
        {
            manifest = PluginManifestReader.Read(new MemoryStream(bytes));
        }
        catch (PluginManifestFormatException exception)
        {
            return (null, $"{PluginPackageConventions.ManifestFileName} cannot be read: {exception.Defect}");
        }

        var files = archive.Entries.Select(candidate => candidate.FullName).ToList();
        var defects = PluginManifestValidator.Validate(manifest, new PluginPackageContents(id, files));
        if (defects.Count > 0)
        {
            return (null, $"{PluginPackageConventions.ManifestFileName} has {defects.Count} defect(s): {string.Join(" | ", defects)}");
        }

        var kinds = (manifest.Kinds ?? []).Select(kind => $"{kind.Group}/{kind.Version}/{kind.Kind}").ToList();
        return (new PluginManifestRecord(System.Text.Encoding.UTF8.GetString(bytes), manifest.Side ?? "", manifest.Category, kinds), null);
    }

    private static PackageValidationResult? ReadSideFile(ZipArchive archive, string path, string what, out byte[]? content)
    {
        content = null;
        var entry = archive.GetEntry(NormalizeEntryPath(path));
        if (entry is null)
        {
            return Fail($"The {what} '{path}' named in the nuspec is not in the package. Include the file with Pack=\"true\" and PackagePath=\"\\\".");
        }

        if (entry.Length > MaxSideFileBytes)
        {
            return Fail($"The {what} '{path}' is {entry.Length} bytes; the limit is {MaxSideFileBytes}.");
        }

        content = ReadAll(entry);
        return null;
    }

    private static string? UnsafeEntryReason(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.StartsWith('/') || name.StartsWith('\\'))
        {
            return "it is an absolute path";
        }

        if (name.Length >= 2 && name[1] == ':')
        {
            return "it names a drive";
        }

        if (name.Contains('\0'))
        {
            return "it contains a NUL character";
        }

        var segments = name.Split('/', '\\');
        if (segments.Any(segment => segment == ".."))
        {
            return "it climbs out of the package with '..'";
        }

        return null;
    }

    private static string? FileNameMismatch(string? clientFileName, string id, NuGetVersion version, bool symbol)
    {
        var extension = symbol ? ".snupkg" : ".nupkg";
        if (string.IsNullOrEmpty(clientFileName) ||
            clientFileName.Equals(GenericUploadName, StringComparison.OrdinalIgnoreCase) ||
            !clientFileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var stem = Path.GetFileName(clientFileName)[..^extension.Length];
        var expected = new[] { $"{id}.{version.ToNormalizedString()}", $"{id}.{version.OriginalVersion}", $"{id}.{version.ToFullString()}" };
        return expected.Any(name => name.Equals(stem, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"The file name '{clientFileName}' does not match the nuspec's id and version ('{id}' {version.ToNormalizedString()}). Push the file 'dotnet pack' named, unrenamed.";
    }

    private static bool IsSemVer2Range(string? range) =>
        range is not null && VersionRange.TryParse(range, out var parsed) &&
        ((parsed.MinVersion?.IsSemVer2 ?? false) || (parsed.MaxVersion?.IsSemVer2 ?? false));

    private static DependencyGroupRecord ToRecord(PackageDependencyGroup group) => new(
        group.TargetFramework.IsAny ? null : group.TargetFramework.GetShortFolderName(),
        group.Packages.Select(dependency => new DependencyRecord(dependency.Id, dependency.VersionRange?.ToNormalizedString())).ToList());

    private static XDocument LoadWithoutDtd(byte[] bytes)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreWhitespace = true,
            IgnoreComments = true,
        };
        using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
        return XDocument.Load(reader, LoadOptions.None);
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        // The declared length can lie, so the read itself is bounded too.
        using var input = entry.Open();
        using var buffer = new MemoryStream((int)Math.Min(entry.Length, MaxSideFileBytes));
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxSideFileBytes)
            {
                throw new InvalidDataException($"'{entry.FullName}' expands past its declared size");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string NormalizeEntryPath(string path) => path.Replace('\\', '/').TrimStart('/');

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static PackageValidationResult Fail(string message) => PackageValidationResult.Invalid(new PackageDefect(message));
}

public sealed record PackageValidationResult(ValidatedPackage? Package, PackageDefect? Defect)
{
    public static PackageValidationResult Valid(ValidatedPackage package) => new(package, null);
    public static PackageValidationResult Invalid(PackageDefect defect) => new(null, defect);
}
