namespace Faros.Samples.WireGuard.Tests;

/// <summary>
/// A temp bin folder with shell-script stand-ins for wg and wg-quick that record their arguments (and, for
/// wg syncconf, the file they were given) so tests can see exactly what the applier ran.
/// </summary>
internal sealed class FakeWireGuardTools : IDisposable
{
    public FakeWireGuardTools()
    {
        Root = Directory.CreateTempSubdirectory("faros-wg-").FullName;
        Bin = Directory.CreateDirectory(Path.Combine(Root, "bin")).FullName;
        SysClassNet = Directory.CreateDirectory(Path.Combine(Root, "sys-class-net")).FullName;
        CallLog = Path.Combine(Root, "calls.log");
        SyncedConfig = Path.Combine(Root, "synced.conf");
        WriteScript("wg-quick", $"""
            #!/bin/sh
            echo "wg-quick $*" >> '{CallLog}'
            if [ "$1" = strip ]; then grep -v '^Address' "$2"; fi
            exit 0
            """);
        WriteScript("wg", $"""
            #!/bin/sh
            echo "wg $*" >> '{CallLog}'
            if [ "$1" = syncconf ]; then cat "$3" > '{SyncedConfig}'; fi
            exit 0
            """);
    }

    public string Root { get; }

    public string Bin { get; }

    public string SysClassNet { get; }

    public string CallLog { get; }

    public string SyncedConfig { get; }

    public IReadOnlyList<string> Calls => File.Exists(CallLog) ? File.ReadAllLines(CallLog) : [];

    public void CreateInterface(string name) => Directory.CreateDirectory(Path.Combine(SysClassNet, name));

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private void WriteScript(string name, string body)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, body.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
