using System.Text;

namespace Faros.Marketplace.Catalog;

/// <summary>
/// The <c>name</c> an Agent's <c>spec.plugins</c> entry gets by default: the last segment of the package id as a
/// DNS label (Acme.Faros.Modbus → modbus), because plugin names end up in Kubernetes object names.
/// </summary>
public static class PluginShortName
{
    private const int MaxLength = 63;

    public static string For(string packageId)
    {
        var segments = packageId.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var last = segments.Length == 0 ? packageId : segments[^1];
        // "Acme.Modbus.Plugin" would otherwise become "plugin" for every package of that style.
        if (segments.Length > 1 && last.Equals("Plugin", StringComparison.OrdinalIgnoreCase))
        {
            last = segments[^2];
        }

        var label = new StringBuilder(last.Length);
        foreach (var c in last.ToLowerInvariant())
        {
            label.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var text = label.ToString().Trim('-');
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength].TrimEnd('-');
        }

        return text.Length == 0 ? "plugin" : text;
    }
}
