namespace Faros.Registry.Packages;

/// <summary>A package upload spooled to a local temp file, deleted on dispose unless the store took it.</summary>
public sealed class UploadedFile(string path, string? clientFileName, long length) : IDisposable
{
    public string Path { get; } = path;
    public string? ClientFileName { get; } = clientFileName;
    public long Length { get; } = length;

    /// <summary>The Sigstore bundle sent with the package (a .sigstore.json part), or null.</summary>
    public byte[]? SigstoreBundle { get; init; }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Left for the temp sweeper; the upload itself has been answered already.
        }
    }
}
