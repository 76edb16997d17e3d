using System.Diagnostics;

namespace Faros.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster on 127.0.0.1: initdb into a temp directory, a server on a free port with its
/// socket in that directory, removed on dispose. It never touches a system cluster or its data directory.
/// As root (CI), the server runs as the 'postgres' user, because PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    private const string Superuser = "faros";
    private readonly Process _server;
    private readonly TempDirectory _directory;
    private readonly string _binaries;
    private int _databases;

    private PostgreSqlServer(Process server, TempDirectory directory, string binaries, int port, CapturedOutput output)
    {
        _server = server;
        _directory = directory;
        _binaries = binaries;
        Port = port;
        Output = output;
    }

    public int Port { get; }
    public CapturedOutput Output { get; }

    public static async Task<PostgreSqlServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binaries = LocateBinaries();
        var asPostgresUser = Environment.UserName == "root";
        var directory = new TempDirectory("postgresql");
        if (asPostgresUser)
        {
            await RunAsync("chown", ["-R", "postgres", directory.Path], cancellationToken);
            // The temp root must be traversable by the postgres user.
            await RunAsync("chmod", ["o+rx", Path.GetDirectoryName(directory.Path)!], cancellationToken);
        }

        var data = Path.Combine(directory.Path, "data");
        await RunAsync(Path.Combine(binaries, "initdb"), ["-D", data, "-A", "trust", "-U", Superuser, "-E", "UTF8", "--no-sync"], cancellationToken, asPostgresUser);

        var port = FreeTcpPort.Next();
        var output = new CapturedOutput();
        var startInfo = StartInfo(Path.Combine(binaries, "postgres"), asPostgresUser,
        [
            "-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", directory.Path,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=200",
        ]);
        var process = ChildProcess.Start(startInfo, output);

        var server = new PostgreSqlServer(process, directory, binaries, port, output);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var ready = await ChildProcess.RunAsync(
                StartInfo(Path.Combine(binaries, "pg_isready"), false, ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
                TimeSpan.FromSeconds(10), cancellationToken);
            if (ready.ExitCode == 0)
            {
                return server;
            }

            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"PostgreSQL did not start on port {port}.{Environment.NewLine}{output}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Creates a fresh, empty database and returns its Npgsql connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"faros_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..30];
        var result = await ChildProcess.RunAsync(
            StartInfo(Path.Combine(_binaries, "createdb"), false, ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", Superuser, name]),
            TimeSpan.FromSeconds(30), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"createdb failed: {result}");
        }

        return $"Host=127.0.0.1;Port={Port};Username={Superuser};Database={name};Pooling=true;Maximum Pool Size=50";
    }

    public async ValueTask DisposeAsync()
    {
        // Best effort; the directory removal retries.
        await ChildProcess.StopAsync(_server, TimeSpan.FromSeconds(10));
        _directory.Dispose();
    }

    private static string LocateBinaries()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(version => Path.Combine(version, "bin")).Where(path => File.Exists(Path.Combine(path, "initdb"))).OrderBy(path => path).LastOrDefault()
            : null;
        return bin ?? throw new MissingServiceException("The PostgreSQL server (Debian package postgresql)", "Run eng/provision/postgresql.sh, or eng/test.sh, which provisions it.");
    }

    private static ProcessStartInfo StartInfo(string command, bool asPostgresUser, IEnumerable<string> arguments)
    {
        var startInfo = asPostgresUser ? new ProcessStartInfo("runuser") : new ProcessStartInfo(command);
        if (asPostgresUser)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", command })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.UseShellExecute = false;
        return startInfo;
    }

    private static async Task RunAsync(string command, IEnumerable<string> arguments, CancellationToken cancellationToken, bool asPostgresUser = false)
    {
        var result = await ChildProcess.RunAsync(StartInfo(command, asPostgresUser, arguments), TimeSpan.FromSeconds(120), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{result.CommandLine}' failed: {result}");
        }
    }
}
