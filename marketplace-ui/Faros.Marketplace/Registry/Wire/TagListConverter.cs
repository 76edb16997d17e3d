namespace Faros.Marketplace.Registry.Wire;

/// <summary>Tags as one string are space-separated in nuspecs ("modbus serial"), and sometimes comma-separated.</summary>
public sealed class TagListConverter : StringListConverter
{
    private static readonly char[] TagSeparators = [',', ' ', ';', '\t', '\n', '\r'];

    protected override char[] Separators => TagSeparators;
}
