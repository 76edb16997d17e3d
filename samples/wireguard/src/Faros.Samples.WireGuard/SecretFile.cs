using System.Text;

namespace Faros.Samples.WireGuard;

/// <summary>Writes files that hold key material.</summary>
public static class SecretFile
{
    /// <summary>
    /// Writes via a temp file created 0600 from the start (never briefly world-readable) and renamed over
    /// the target, so readers never see a half-written file.
    /// </summary>
    public static async Task WriteAsync(string path, string contents, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.Delete(temp);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temp, options))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(contents), cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, path, overwrite: true);
    }
}
