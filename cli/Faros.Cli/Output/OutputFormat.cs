namespace Faros.Cli.Output;

public enum OutputFormat
{
    Table,
    Json,
    Yaml,
}

public static class OutputFormats
{
    public static bool TryParse(string text, out OutputFormat format)
    {
        format = text.ToLowerInvariant() switch
        {
            "table" or "wide" => OutputFormat.Table,
            "json" => OutputFormat.Json,
            "yaml" or "yml" => OutputFormat.Yaml,
            _ => (OutputFormat)(-1),
        };
        return Enum.IsDefined(format);
    }
}
