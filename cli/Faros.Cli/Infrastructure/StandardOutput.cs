using System.Runtime.InteropServices;

namespace Faros.Cli.Infrastructure;

/// <summary>
/// Hands a result to a pipe and ends it while the command goes on (e.g. `clusters init | kubectl apply -f -`
/// applies at once while init waits for Ready).
/// </summary>
public static class StandardOutput
{
    public static void WriteAndClose(string text)
    {
        Console.Out.Write(text);
        Console.Out.Flush();
        if (!OperatingSystem.IsLinux() || !Console.IsOutputRedirected)
        {
            return;
        }

        // The runtime keeps duplicates of descriptor 1 (its console streams), and the reader sees the end only once all
        // are gone. Each is pointed at /dev/null rather than closed, so no descriptor number is freed under its owner.
        var target = new FileInfo("/proc/self/fd/1").LinkTarget;
        if (target is null)
        {
            return;
        }

        Console.SetOut(TextWriter.Null);
        using var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write);
        var nullDescriptor = (int)devNull.DangerousGetHandle();
        foreach (var entry in Directory.GetFiles("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var descriptor) && descriptor != nullDescriptor && SafeLinkTarget(entry) == target)
            {
                _ = Dup2(nullDescriptor, descriptor);
            }
        }
    }

    private static string? SafeLinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static extern int Dup2(int oldDescriptor, int newDescriptor);
}
