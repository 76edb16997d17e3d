using Microsoft.Extensions.Logging;

namespace Faros.Agent.Tests.Fixtures;

/// <summary>Host and plugin logs, written to NUnit's progress output so a failing run shows what happened.</summary>
internal static class TestLogging
{
    public static ILoggerFactory Factory { get; } = new ProgressLoggerFactory();

    private sealed class ProgressLoggerFactory : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new ProgressLogger(categoryName);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }

    private sealed class ProgressLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                TestContext.Progress.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}");
            }
        }
    }
}
