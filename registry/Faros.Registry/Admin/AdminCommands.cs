using System.CommandLine;
using System.Globalization;
using Faros.Registry.Authentication;
using Faros.Registry.Hosting;
using Faros.Registry.Migration;

namespace Faros.Registry.Admin;

/// <summary>
/// The registry's administration commands (api keys, prefix reservations). They work on the same data
/// directory as the server and may run while it serves.
/// </summary>
public static class AdminCommands
{
    private static readonly string[] Names = ["apikeys", "prefixes", "migrate-db", "migrate"];

    public static bool IsAdminCommand(string[] args) => args.Length > 0 && Names.Contains(args[0], StringComparer.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddRegistry(builder.Configuration);
        using var host = builder.Build();
        await host.Services.GetRequiredService<RegistryInitializer>().InitializeAsync(CancellationToken.None);
        var keys = host.Services.GetRequiredService<IApiKeyStore>();

        var root = new RootCommand("Faros registry administration.");
        root.Subcommands.Add(ApiKeysCommand(keys));
        root.Subcommands.Add(PrefixesCommand(keys));
        var migrateDatabase = new Command("migrate-db", "Apply database migrations and exit.");
        migrateDatabase.SetAction(_ => 0);
        root.Subcommands.Add(migrateDatabase);
        root.Subcommands.Add(MigrateCommand(host.Services.GetRequiredService<EmbeddedRegistryMigration>()));
        return await root.Parse(args).InvokeAsync();
    }

    private static Command ApiKeysCommand(IApiKeyStore keys)
    {
        var owner = new Option<string>("--owner") { Description = "The publisher the key acts for, e.g. contoso.", Required = true };
        var scopes = new Option<string>("--scopes") { Description = "Comma-separated package-id globs the key may act on, e.g. \"Contoso.*\".", DefaultValueFactory = _ => "*" };
        var actions = new Option<string>("--actions") { Description = "Comma-separated actions: push, unlist, delete.", DefaultValueFactory = _ => "push,unlist" };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the key stops working (ISO 8601, e.g. 2027-01-31)." };
        var admin = new Option<bool>("--admin") { Description = "An administrator key: every id, every action." };
        var description = new Option<string?>("--description") { Description = "A note on what the key is for." };
        var create = new Command("create", "Create an API key. It is printed once, on the last line; only its hash is stored.")
        {
            owner, scopes, actions, expires, admin, description,
        };
        create.SetAction(async (result, cancellationToken) =>
        {
            ApiKeyAction parsedActions;
            try
            {
                parsedActions = ParseActions(result.GetValue(actions)!);
                _ = IdPattern.ParseList(result.GetValue(scopes)!);
            }
            catch (ArgumentException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return 2;
            }

            var key = ApiKeyHash.NewKey();
            var id = await keys.CreateAsync(
                ApiKeyHash.Of(key), result.GetValue(owner)!, result.GetValue(scopes)!, parsedActions, result.GetValue(admin),
                result.GetValue(description), result.GetValue(expires), cancellationToken);
            await Console.Error.WriteLineAsync($"Created API key {id} for '{result.GetValue(owner)}' (scopes {result.GetValue(scopes)}, actions {parsedActions}). Store it now: it is not shown again.");
            Console.WriteLine(key);
            return 0;
        });

        var list = new Command("list", "List API keys (never the keys themselves).");
        list.SetAction(async (_, cancellationToken) =>
        {
            foreach (var key in await keys.ListAsync(cancellationToken))
            {
                var expiry = key.Expires?.ToString("O", CultureInfo.InvariantCulture) ?? "never";
                Console.WriteLine($"{key.KeyId}\t{key.Owner}\t{string.Join(",", key.Scopes)}\t{key.Actions}\t{(key.IsAdmin ? "admin" : "")}\texpires {expiry}");
            }

            return 0;
        });

        var keyId = new Option<long>("--id") { Description = "The key's number, as 'apikeys list' shows it.", Required = true };
        var revoke = new Command("revoke", "Revoke an API key.") { keyId };
        revoke.SetAction(async (result, cancellationToken) =>
        {
            if (await keys.RevokeAsync(result.GetValue(keyId), cancellationToken))
            {
                return 0;
            }

            await Console.Error.WriteLineAsync($"There is no API key {result.GetValue(keyId)}; 'apikeys list' shows the keys.");
            return 1;
        });

        return new Command("apikeys", "Create, list and revoke API keys.") { create, list, revoke };
    }

    private static Command PrefixesCommand(IApiKeyStore keys)
    {
        var prefix = new Option<string>("--prefix") { Description = "The id prefix, e.g. Contoso (covers Contoso and Contoso.*).", Required = true };
        var owner = new Option<string>("--owner") { Description = "The publisher that owns the prefix.", Required = true };
        var reserve = new Command("reserve", "Reserve an id prefix for one publisher.") { prefix, owner };
        reserve.SetAction(async (result, cancellationToken) =>
        {
            var value = result.GetValue(prefix)!.Trim().TrimEnd('*').TrimEnd('.');
            if (value.Length == 0 || !NuGet.Packaging.PackageIdValidator.IsValidPackageId(value))
            {
                await Console.Error.WriteLineAsync($"'{result.GetValue(prefix)}' is not a valid id prefix; use the start of a package id, e.g. Contoso.");
                return 2;
            }

            await keys.ReservePrefixAsync(value, result.GetValue(owner)!, cancellationToken);
            await Console.Error.WriteLineAsync($"Prefix '{value}' is reserved for '{result.GetValue(owner)}'.");
            return 0;
        });
        return new Command("prefixes", "Reserve package-id prefixes.") { reserve };
    }

    private static Command MigrateCommand(EmbeddedRegistryMigration migration)
    {
        var from = new Option<string>("--from") { Description = "The data directory of an embedded registry (SQLite + files).", Required = true };
        var command = new Command(
            "migrate",
            "Copy an embedded registry into the configured Database and Storage providers (e.g. PostgreSql + AzureBlob). Safe to re-run.")
        {
            from,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var progress = new SynchronousProgress<MigrationProgress>(step =>
                Console.Error.WriteLine($"[{step.Index}/{step.Total}] {step.Id} {step.Version} {(step.Copied ? "copied" : "already there")}"));
            try
            {
                var report = await migration.RunAsync(Path.GetFullPath(result.GetValue(from)!), progress, cancellationToken);
                Console.WriteLine($"Migrated {report.Copied} package versions; {report.Skipped} were already there.");
                return 0;
            }
            catch (MigrationSourceException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return 2;
            }
        });
        return command;
    }

    private static ApiKeyAction ParseActions(string text)
    {
        var actions = ApiKeyAction.None;
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<ApiKeyAction>(name, ignoreCase: true, out var action) || action is ApiKeyAction.None)
            {
                throw new ArgumentException($"'{name}' is not an action; use push, unlist, delete.");
            }

            actions |= action;
        }

        return actions == ApiKeyAction.None ? throw new ArgumentException("Give at least one action: push, unlist, delete.") : actions;
    }
}
