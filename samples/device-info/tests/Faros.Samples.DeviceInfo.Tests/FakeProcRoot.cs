namespace Faros.Samples.DeviceInfo.Tests;

/// <summary>A temporary directory laid out like /proc with the files the reader uses.</summary>
internal sealed class FakeProcRoot : IDisposable
{
    public FakeProcRoot(string? meminfo, string? cpuinfo)
    {
        Path = Directory.CreateTempSubdirectory("faros-proc-").FullName;
        if (meminfo is not null)
        {
            File.WriteAllText(System.IO.Path.Combine(Path, "meminfo"), meminfo);
        }

        if (cpuinfo is not null)
        {
            File.WriteAllText(System.IO.Path.Combine(Path, "cpuinfo"), cpuinfo);
        }
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
