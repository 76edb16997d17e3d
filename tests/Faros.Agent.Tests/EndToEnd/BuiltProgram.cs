using System.Diagnostics;
using System.Reflection;

namespace Faros.Agent.Tests.Agent.EndToEnd;

/// <summary>A Faros program (operator, agent) run from its own build output as a real process, its output captured.</summary>
internal sealed class BuiltProgram : IAsyncDisposable
{
    private readonly Process _process;

    private BuiltProgram(string name, Process process, CapturedOutput output)
    {
        Name = name;
        _process = process;
        Output = output;
    }

    public string Name { get; }

    public CapturedOutput Output { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts bin/{configuration}/net10.0/{name}.dll of <paramref name="projectDirectory"/> (built as a reference of this test project).</summary>
    public static BuiltProgram Start(string projectDirectory, string name, IEnumerable<string> arguments)
    {
        var configuration = typeof(BuiltProgram).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(RepositoryRoot.Find(), projectDirectory, "bin", configuration, "net10.0", name + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build tests/Faros.Agent.Tests (it references {projectDirectory}) first.", dll);
        }

        var startInfo = new ProcessStartInfo(DotnetHost.Path);
        DotnetHost.Sanitize(startInfo);
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new CapturedOutput();
        return new BuiltProgram(name, ChildProcess.Start(startInfo, output), output);
    }

    public async ValueTask DisposeAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            var log = Output.ToString();
            await TestContext.Progress.WriteLineAsync($"{Name} output (tail):{Environment.NewLine}{log[Math.Max(0, log.Length - 15_000)..]}");
        }

        await ChildProcess.StopAsync(_process, TimeSpan.FromSeconds(10));
    }
}
