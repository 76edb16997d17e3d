using System.CommandLine;
using Faros.Cli.Kubeconfig;

namespace Faros.Cli.Infrastructure;

/// <summary>
/// One run of one command: its parsed command line, cancellation (Ctrl+C), output streams, and the hub session,
/// opened on first use from --kubeconfig/--context so that commands that never talk to the hub never need one.
/// </summary>
public sealed class Invocation(ParseResult parseResult, CancellationToken cancellationToken) : IDisposable
{
    private KubeSession? _kube;

    public ParseResult ParseResult { get; } = parseResult;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Results: tables, documents, kubeconfigs. Read on use, so commands that end stdout early (see <see cref="StandardOutput"/>) can.</summary>
    public TextWriter Out => Console.Out;

    /// <summary>Progress and errors, so that stdout stays parseable.</summary>
    public TextWriter Error => Console.Error;

    public KubeconfigSelection Kubeconfig => new(
        KubeconfigLocations.Resolve(ParseResult.GetValue(GlobalOptions.Kubeconfig)),
        ParseResult.GetValue(GlobalOptions.Context));

    public KubeSession Kube => _kube ??= KubeSession.Open(Kubeconfig);

    /// <summary>The hub's address once a session exists, for error messages.</summary>
    public string? Hub => _kube?.Server;

    public T Get<T>(Option<T> option) => ParseResult.GetValue(option)!;

    public T Get<T>(Argument<T> argument) => ParseResult.GetValue(argument)!;

    /// <summary>The -n value, else the context's namespace, else "default".</summary>
    public string Namespace(Option<string?> option) => ParseResult.GetValue(option) ?? Kube.ContextNamespace ?? "default";

    public void Dispose() => _kube?.Dispose();
}
