using System.CommandLine;
using System.Globalization;
using Faros.Cli.Output;

namespace Faros.Cli.Infrastructure;

/// <summary>Factories for options shared by many commands, so each means the same everywhere.</summary>
public static class CommonOptions
{
    public static Option<string?> Namespace() => new("--namespace", "-n")
    {
        Description = "The namespace (workspace) to act in (default: the context's namespace, else 'default').",
    };

    public static Option<OutputFormat> Output() => new("--output", "-o")
    {
        Description = "Output format: table, json or yaml.",
        DefaultValueFactory = _ => OutputFormat.Table,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "table" : result.Tokens[0].Value;
            if (OutputFormats.TryParse(text, out var format))
            {
                return format;
            }

            result.AddError($"Output format '{text}' is not supported; use table, json or yaml.");
            return OutputFormat.Table;
        },
        HelpName = "table|json|yaml",
    };

    /// <summary>An http(s) URL; anything else is a usage error naming the option.</summary>
    public static Option<Uri?> Url(string name, string description, string example) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                return uri;
            }

            result.AddError($"{name} '{text}' is not an http(s) URL; write e.g. {example}.");
            return null;
        },
        HelpName = "url",
    };

    public static Option<Duration> Timeout(TimeSpan defaultValue) => new("--timeout")
    {
        Description = "How long to wait, e.g. 30s, 5m, 1h.",
        DefaultValueFactory = _ => new Duration(defaultValue),
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (Durations.TryParse(text, out var value))
            {
                return new Duration(value);
            }

            result.AddError($"Timeout '{text}' is not a duration; write e.g. 90s, 5m or 1h.");
            return new Duration(defaultValue);
        },
        HelpName = "duration",
    };
}

/// <summary>A time span that prints the way it is written on the command line (2m, not 00:02:00), e.g. in help.</summary>
public readonly record struct Duration(TimeSpan Value)
{
    public static implicit operator TimeSpan(Duration duration) => duration.Value;

    public override string ToString() => Durations.Format(Value);
}

/// <summary>Go-style durations as kubectl takes them: 30s, 5m, 1h, 1h30m, or plain seconds.</summary>
public static class Durations
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return seconds >= 0;
        }

        var total = TimeSpan.Zero;
        var number = "";
        foreach (var character in text)
        {
            if (char.IsDigit(character) || character == '.')
            {
                number += character;
                continue;
            }

            if (number.Length == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            total += character switch
            {
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                's' => TimeSpan.FromSeconds(amount),
                _ => TimeSpan.MinValue,
            };
            if (total < TimeSpan.Zero)
            {
                return false;
            }

            number = "";
        }

        value = total;
        return number.Length == 0;
    }

    public static string Format(TimeSpan value) =>
        value.TotalHours >= 1 && value.Minutes == 0 && value.Seconds == 0 ? $"{(int)value.TotalHours}h"
        : value.TotalMinutes >= 1 && value.Seconds == 0 ? $"{(int)value.TotalMinutes}m"
        : $"{(int)value.TotalSeconds}s";
}
