using System.Diagnostics;
using System.Globalization;

namespace Faros.Cli.Output;

/// <summary>
/// Shows how far a transfer is on stderr: one line rewritten in place on a terminal (at most ten times a second),
/// otherwise a line every few seconds, so logs of long uploads stay short.
/// </summary>
public sealed class TransferProgress(TextWriter progress, string what, long total)
{
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private TimeSpan _lastReport = TimeSpan.Zero;
    private bool _started;

    public void Report(long done)
    {
        var now = _clock.Elapsed;
        if (!_started)
        {
            _started = true;
            if (!_interactive)
            {
                progress.WriteLine($"{what}: {Size(total)}");
            }
        }

        if (done < total && now - _lastReport < (_interactive ? TerminalInterval : LogInterval))
        {
            return;
        }

        _lastReport = now;
        var line = $"{what}: {Percent(done)} ({Size(done)} of {Size(total)}, {now.TotalSeconds:0.0}s)";
        if (_interactive)
        {
            progress.Write($"\r\u001b[2K{line}");
            if (done >= total)
            {
                progress.WriteLine();
            }
        }
        else if (done < total || now > LogInterval)
        {
            progress.WriteLine(line);
        }
    }

    private string Percent(long done) => total == 0 ? "100%" : $"{done * 100 / total}%";

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB"),
    };
}
