namespace Faros.Sdk.Manifest;

/// <summary>One thing wrong with a manifest.</summary>
/// <param name="Path">JSON path of the offending field, e.g. <c>kinds[0].group</c>; <c>$</c> for the whole document.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Fix">How a plugin author fixes it, in terms of project properties where they exist.</param>
public sealed record ManifestDefect(string Path, string Message, string Fix)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message} Fix: {Fix}";
}
