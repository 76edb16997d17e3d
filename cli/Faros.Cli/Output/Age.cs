using System.Globalization;

namespace Faros.Cli.Output;

/// <summary>kubectl's short ages: 45s, 12m, 5h, 3d, 2y.</summary>
public static class Age
{
    public static string Since(DateTime? time, DateTime? now = null)
    {
        if (time is not { } start)
        {
            return "<unknown>";
        }

        var age = (now ?? DateTime.UtcNow) - start.ToUniversalTime();
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalSeconds < 120 ? Format(age.TotalSeconds, "s")
            : age.TotalMinutes < 120 ? Format(age.TotalMinutes, "m")
            : age.TotalHours < 48 ? Format(age.TotalHours, "h")
            : age.TotalDays < 730 ? Format(age.TotalDays, "d")
            : Format(age.TotalDays / 365, "y");
    }

    private static string Format(double value, string unit) => ((long)value).ToString(CultureInfo.InvariantCulture) + unit;
}
