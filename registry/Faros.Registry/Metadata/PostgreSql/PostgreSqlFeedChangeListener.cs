using Faros.Registry.Feed;
using Npgsql;

namespace Faros.Registry.Metadata.PostgreSql;

/// <summary>
/// Listens for other instances' feed changes and drops the matching cached documents. After a lost
/// connection it flushes every cache, since notifications sent meanwhile are gone.
/// </summary>
public sealed class PostgreSqlFeedChangeListener(NpgsqlDataSource dataSource, FeedChanges changes, ILogger<PostgreSqlFeedChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) => changes.Apply(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgreSqlFeedChangeBroadcaster.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                changes.Apply(FeedChangeMessage.Everything);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Lost the feed change channel; retrying in {Delay}", RetryDelay);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }
}
