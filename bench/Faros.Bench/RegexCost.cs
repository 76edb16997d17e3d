using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Faros.Bench;

/// <summary>
/// What the registry's IdPattern costs when built per request: a RegexOptions.Compiled regex for the scope
/// glob, constructed and matched once (as each authenticated push with a publisher key does), against one
/// built once and reused, and against an interpreted one built per request.
/// </summary>
public static class RegexCost
{
    private const RegexOptions Compiled = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;
    private const RegexOptions Interpreted = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public static void Run(int iterations)
    {
        var pattern = "^" + Regex.Escape("Faros.Bench.*").Replace("\\*", ".*", StringComparison.Ordinal) + "$";
        var reused = new Regex(pattern, Compiled);
        for (var round = 1; round <= 3; round++)
        {
            Measure(round, "compiled, new per request", iterations, () => new Regex(pattern, Compiled).IsMatch("Faros.Bench.Pkg001"));
            Measure(round, "compiled, built once", iterations, () => reused.IsMatch("Faros.Bench.Pkg001"));
            Measure(round, "interpreted, new per request", iterations, () => new Regex(pattern, Interpreted).IsMatch("Faros.Bench.Pkg001"));
        }
    }

    private static void Measure(int round, string name, int iterations, Func<bool> body)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            if (!body())
            {
                throw new InvalidOperationException("the pattern should match");
            }
        }

        wall.Stop();
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        Console.WriteLine($"round {round}: {name,-30} x{iterations}: {cpuMs * 1000 / iterations,9:F1} us CPU each, {wall.Elapsed.TotalMilliseconds * 1000 / iterations,9:F1} us wall each");
    }
}
