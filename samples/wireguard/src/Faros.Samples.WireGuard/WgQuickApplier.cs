using System.Diagnostics;

namespace Faros.Samples.WireGuard;

/// <summary>
/// Applies configs with wg-quick: <c>wg-quick up</c> for a new interface, <c>wg syncconf</c> (fed by
/// <c>wg-quick strip</c>) for an existing one so live peers keep their sessions. Without the tools or
/// root it reports why instead of failing, since a device may legitimately lack them.
/// </summary>
public sealed class WgQuickApplier(ExecutableLocator locator, Func<bool> isPrivileged, string sysClassNet = "/sys/class/net") : IWireGuardApplier
{
    /// <summary>An applier for this process's PATH and privileges.</summary>
    public static WgQuickApplier ForCurrentProcess() => new(ExecutableLocator.FromEnvironment(), () => Environment.IsPrivilegedProcess);

    /// <inheritdoc />
    public async Task<ApplyOutcome> ApplyAsync(string interfaceName, string configPath, CancellationToken cancellationToken)
    {
        var wgQuick = locator.Find("wg-quick");
        var wg = locator.Find("wg");
        if (wgQuick is null || wg is null)
        {
            return new ApplyOutcome(false, "WireGuardToolsMissing", "wg and wg-quick were not found on PATH; install wireguard-tools on the device.");
        }

        if (!isPrivileged())
        {
            return new ApplyOutcome(false, "InsufficientPrivileges", "Applying WireGuard needs root (CAP_NET_ADMIN); the agent runs unprivileged.");
        }

        if (!Directory.Exists(Path.Combine(sysClassNet, interfaceName)))
        {
            var up = await RunAsync(wgQuick, ["up", configPath], cancellationToken).ConfigureAwait(false);
            return up.ExitCode == 0
                ? new ApplyOutcome(true, "InterfaceUp", $"Interface {interfaceName} brought up.")
                : new ApplyOutcome(false, "WgQuickFailed", $"wg-quick up exited {up.ExitCode}: {up.Error}");
        }

        var strip = await RunAsync(wgQuick, ["strip", configPath], cancellationToken).ConfigureAwait(false);
        if (strip.ExitCode != 0)
        {
            return new ApplyOutcome(false, "WgQuickFailed", $"wg-quick strip exited {strip.ExitCode}: {strip.Error}");
        }

        // The stripped config still holds the private key: same 0600 rule, removed right after use.
        var stripped = configPath + ".stripped";
        try
        {
            await SecretFile.WriteAsync(stripped, strip.Output, cancellationToken).ConfigureAwait(false);
            var sync = await RunAsync(wg, ["syncconf", interfaceName, stripped], cancellationToken).ConfigureAwait(false);
            return sync.ExitCode == 0
                ? new ApplyOutcome(true, "ConfigSynced", $"Interface {interfaceName} synced.")
                : new ApplyOutcome(false, "WgSyncFailed", $"wg syncconf exited {sync.ExitCode}: {sync.Error}");
        }
        finally
        {
            File.Delete(stripped);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), (await error.ConfigureAwait(false)).Trim());
    }
}
