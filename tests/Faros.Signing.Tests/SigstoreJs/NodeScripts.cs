namespace Faros.Signing.Tests.SigstoreJs;

/// <summary>
/// Runs the node scripts next to this file (copied to the output) with <see cref="Faros.Testing.SigstoreJs"/>.
/// Missing node or packages: ignored on a developer machine, a failure under CI=true.
/// </summary>
internal static class NodeScripts
{
    public static void RequireInstalled()
    {
        if (Faros.Testing.SigstoreJs.Missing() is not { } missing)
        {
            return;
        }

        throw RequiredService.Missing(missing.Message);
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>; returns its result (the caller asserts the exit code).</summary>
    public static Task<ProcessResult> RunAsync(string script, params string[] arguments) =>
        Faros.Testing.SigstoreJs.RunAsync(Path.Combine(AppContext.BaseDirectory, "SigstoreJs", script), arguments);
}
