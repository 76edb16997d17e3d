using System.ComponentModel.DataAnnotations;

namespace Faros.Registry.Hosting;

public enum StorageProvider
{
    FileSystem,
    AzureBlob,
}

/// <summary>The "Storage" section: where package files live.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.FileSystem;

    public AzureBlobStorageOptions AzureBlob { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != StorageProvider.AzureBlob)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(AzureBlob.ConnectionString))
        {
            yield return new ValidationResult(
                "Storage:Provider is AzureBlob but Storage:AzureBlob:ConnectionString is empty. Set it to the storage account's connection string.",
                ["AzureBlob.ConnectionString"]);
        }

        if (string.IsNullOrWhiteSpace(AzureBlob.Container) || AzureBlob.Container.Length is < 3 or > 63 ||
            !AzureBlob.Container.All(character => char.IsAsciiLetterLower(character) || char.IsAsciiDigit(character) || character == '-'))
        {
            yield return new ValidationResult(
                $"Storage:AzureBlob:Container '{AzureBlob.Container}' is not a valid container name: 3 to 63 lower-case letters, digits and dashes.",
                ["AzureBlob.Container"]);
        }

        if (AzureBlob.RedirectDownloads && AzureBlob.SasLifetime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Storage:AzureBlob:SasLifetime must be positive when RedirectDownloads is on.", ["AzureBlob.SasLifetime"]);
        }
    }
}

public sealed class AzureBlobStorageOptions
{
    public string? ConnectionString { get; set; }

    public string Container { get; set; } = "packages";

    /// <summary>Answer nupkg downloads with a 302 to a short-lived SAS URL, so the bytes bypass the registry.</summary>
    public bool RedirectDownloads { get; set; }

    public TimeSpan SasLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
