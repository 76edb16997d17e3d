namespace Faros.Cli.Output;

/// <summary>Rows under upper-case headers, aligned with three spaces between columns, like kubectl get.</summary>
public sealed class Table(params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public IReadOnlyList<string> Columns { get; } = columns;

    public int Count => _rows.Count;

    public Table Add(params string?[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"Expected {Columns.Count} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells.Select(cell => string.IsNullOrEmpty(cell) ? "<none>" : cell.ReplaceLineEndings(" ")).ToArray());
        return this;
    }

    public void WriteTo(TextWriter writer)
    {
        var widths = Columns.Select((column, index) => _rows.Select(row => row[index].Length).Append(column.Length).Max()).ToArray();
        WriteRow(writer, Columns, widths);
        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private static void WriteRow(TextWriter writer, IReadOnlyList<string> cells, int[] widths)
    {
        var line = string.Join("   ", cells.Select((cell, index) => index == cells.Count - 1 ? cell : cell.PadRight(widths[index])));
        writer.WriteLine(line.TrimEnd());
    }
}
