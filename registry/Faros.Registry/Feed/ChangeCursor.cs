using System.Globalization;

namespace Faros.Registry.Feed;

/// <summary>
/// A position in the change feed, opaque to clients: the sequence number of the last change they have seen,
/// as the database numbered it, so every instance sharing that database understands it.
/// </summary>
public readonly record struct ChangeCursor(long Sequence)
{
    public override string ToString() => Sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a cursor this registry issued; the error names the defect and the fix.</summary>
    public static bool TryParse(string text, out ChangeCursor cursor, out string? error)
    {
        cursor = default;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            error = $"cursor '{Shorten(text)}' is not a cursor this registry issued; pass back the cursor of the previous answer, or omit it to start from now.";
            return false;
        }

        cursor = new ChangeCursor(sequence);
        error = null;
        return true;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "..." : text;
}
