using System.Globalization;

namespace Faros.Marketplace.Web;

/// <summary>How numbers and dates read on the site: compact counts in lists, exact counts in tables, ISO-ish dates.</summary>
public static class Formats
{
    public static string Count(long value) => value switch
    {
        >= 1_000_000_000 => (value / 1_000_000_000d).ToString("0.#", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000 => (value / 1_000_000d).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1_000d).ToString("0.#", CultureInfo.InvariantCulture) + "K",
        _ => value.ToString("N0", CultureInfo.InvariantCulture),
    };

    public static string Exact(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string IsoDate(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Plural(long count, string singular, string plural) =>
        $"{Exact(count)} {(count == 1 ? singular : plural)}";
}
