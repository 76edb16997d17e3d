namespace Faros.Signing.Tests;

internal static class TempDirectoryFiles
{
    /// <summary>Writes files into the directory and returns their paths in order.</summary>
    public static async Task<string[]> WriteAsync(this TempDirectory directory, params (string Name, byte[] Content)[] files)
    {
        var paths = new string[files.Length];
        for (var i = 0; i < files.Length; i++)
        {
            paths[i] = Path.Combine(directory.Path, files[i].Name);
            await File.WriteAllBytesAsync(paths[i], files[i].Content);
        }

        return paths;
    }
}
