using System.Diagnostics;
using Faros.Testing;

namespace Faros.Bench.Edge;

/// <summary>
/// A Faros program (operator, agent, kubectl-faros) run as a real process from its Release build output, which
/// building Faros.Bench produces; its output lines are kept with their arrival times.
/// </summary>
public sealed class FarosProgram : IAsyncDisposable
{
    private readonly Process _process;
    private bool _stopped;

    private FarosProgram(string name, Process process, TimedLines output)
    {
        Name = name;
        _process = process;
        Output = output;
    }

    public string Name { get; }

    public TimedLines Output { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Command-line settings that make a .NET host's console log one line per event, starting with its UTC time in ms.</summary>
    public static readonly string[] TimestampedLogging =
    [
        "--Logging:Console:FormatterName=simple", "--Logging:Console:FormatterOptions:SingleLine=true",
        "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss.fff ", "--Logging:Console:FormatterOptions:UseUtcTimestamp=true",
    ];

    public static string Dll(string projectDirectory, string name)
    {
        var dll = Path.Combine(RepositoryRoot.Find(), projectDirectory, "bin", "Release", "net10.0", name + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build the benchmarks first (`dotnet build bench/Faros.Bench -c Release`).", dll);
    }

    /// <param name="knobs">
    /// A prefix P of environment variables that change how the program runs: P_ENV holds extra NAME=value settings
    /// (space separated) for its environment, e.g. runtime knobs; P_EXE names an executable to run instead of the
    /// build output, e.g. the self-contained single file `dotnet publish -r linux-x64` makes.
    /// </param>
    public static FarosProgram Start(string projectDirectory, string name, IEnumerable<string> arguments, BenchClock clock, string? knobs = null)
    {
        var executable = knobs is null ? null : Environment.GetEnvironmentVariable(knobs + "_EXE") is { Length: > 0 } exe ? exe : null;
        var startInfo = new ProcessStartInfo(executable ?? DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        DotnetHost.Sanitize(startInfo);
        foreach (var setting in (knobs is null ? null : Environment.GetEnvironmentVariable(knobs + "_ENV"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            var (key, value) = setting.IndexOf('=', StringComparison.Ordinal) is > 0 and var at ? (setting[..at], setting[(at + 1)..])
                : throw new ArgumentException($"{knobs}_ENV must hold NAME=value words; '{setting}' is not one.");
            startInfo.Environment[key] = value;
        }

        if (executable is null)
        {
            startInfo.ArgumentList.Add(Dll(projectDirectory, name));
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new TimedLines(clock);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new FarosProgram(name, process, output);
    }

    /// <summary>Throws with the program's last output if it has exited.</summary>
    public void EnsureRunning()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:{Environment.NewLine}{Output.Tail()}");
        }
    }

    /// <summary>Stops the process; with BENCH_LOG_DIR set, its timed output goes to BENCH_LOG_DIR/{name}-{pid}.log.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        var pid = _process.Id;
        await ChildProcess.StopAsync(_process, TimeSpan.FromSeconds(10));
        if (Environment.GetEnvironmentVariable("BENCH_LOG_DIR") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            Output.WriteTo(Path.Combine(directory, $"{Name}-{pid}.log"));
        }
    }
}
