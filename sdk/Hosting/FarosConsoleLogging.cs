using Microsoft.Extensions.Logging;

namespace Faros.Hosting;

/// <summary>
/// The console logging every Faros process (registry, marketplace, operator, agent) uses, compiled into each as a
/// linked source file so that one switch reads the same everywhere: one line per event by default,
/// FAROS_LOG_FORMAT=json for JSON lines with every structured field (what log collectors want).
/// </summary>
internal static class FarosConsoleLogging
{
    public const string FormatVariable = "FAROS_LOG_FORMAT";

    public static ILoggingBuilder AddFarosConsole(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        if (string.Equals(Environment.GetEnvironmentVariable(FormatVariable), "json", StringComparison.OrdinalIgnoreCase))
        {
            logging.AddJsonConsole(options => options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");
        }
        else
        {
            logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss ";
            });
        }

        return logging;
    }
}
