using System.Text;

namespace Faros.Testing;

/// <summary>
/// Thread-safe accumulator for a child process's stdout/stderr lines, which arrive on pool threads.
/// Kept whole so a failing test can attach everything the server said.
/// </summary>
public sealed class CapturedOutput
{
    private readonly StringBuilder _all = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    public void AppendStandardOutput(string? line) => Append(line, _stdout, "");

    public void AppendStandardError(string? line) => Append(line, _stderr, "[stderr] ");

    public string StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Both streams interleaved in arrival order.</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            return _all.ToString();
        }
    }

    private void Append(string? line, StringBuilder stream, string prefix)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            stream.AppendLine(line);
            _all.Append(prefix).AppendLine(line);
        }
    }
}
