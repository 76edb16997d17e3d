namespace Faros.Cli.Infrastructure;

/// <summary>
/// Writes a file all at once (temp file in the same folder, then rename), so a reader never sees half of it and a
/// failure leaves the old file. A new file is owner-only unless a mode is given: what this tool writes holds credentials.
/// </summary>
public static class AtomicFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode WorldReadable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <param name="mode">The file's mode; null keeps an existing file's mode (a new one is owner-only).</param>
    public static void Write(string path, string content, UnixFileMode? mode = null) => Write(path, System.Text.Encoding.UTF8.GetBytes(content), mode);

    /// <inheritdoc cref="Write(string, string, UnixFileMode?)"/>
    public static void Write(string path, byte[] content, UnixFileMode? mode = null)
    {
        var temp = Stage(path, content, mode);
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Writes every file or none: all are staged as temp files first, so a failure before the renames leaves every old
    /// file as it was (a key pair never ends up half replaced).
    /// </summary>
    public static void WriteAll(IReadOnlyList<(string Path, byte[] Content, UnixFileMode? Mode)> files)
    {
        var staged = new List<(string Temp, string Path)>();
        try
        {
            foreach (var (path, content, mode) in files)
            {
                staged.Add((Stage(path, content, mode), path));
            }

            foreach (var (temp, path) in staged)
            {
                File.Move(temp, path, overwrite: true);
            }
        }
        finally
        {
            foreach (var (temp, _) in staged)
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The content in a temp file next to <paramref name="path"/>, created with its final mode so a secret is never readable by others, even briefly.</summary>
    private static string Stage(string path, byte[] content, UnixFileMode? mode)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        var finalMode = mode ?? (File.Exists(path) && !OperatingSystem.IsWindows() ? File.GetUnixFileMode(path) : OwnerOnly);
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = finalMode & OwnerOnly;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
            }

            if (!OperatingSystem.IsWindows())
            {
                // UnixCreateMode is filtered by the umask; set the exact mode once the content is in.
                File.SetUnixFileMode(temp, finalMode);
            }
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return temp;
    }
}
