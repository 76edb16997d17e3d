using System.Diagnostics;

namespace Faros.Testing;

/// <summary>
/// The `dotnet` executable that runs the tests, and the environment hygiene every child `dotnet` needs.
/// </summary>
public static class DotnetHost
{
    /// <summary>
    /// Variables that `dotnet test` sets for its own MSBuild; inherited by a child `dotnet build/restore`
    /// they make it load the wrong MSBuild/SDK, so they are removed.
    /// </summary>
    private static readonly string[] InheritedBuildVariables =
    [
        "MSBuildExtensionsPath",
        "MSBUILD_EXE_PATH",
        "MSBuildSDKsPath",
        "MSBuildLoadMicrosoftTargetsReadOnly",
        "MSBUILDNOINPROCNODE",
        "VSTEST_HOST_DEBUG",
        "VSTEST_RUNNER_DEBUG",
    ];

    /// <summary>Path of the muxer: DOTNET_HOST_PATH when the SDK set it, else `dotnet` from PATH.</summary>
    public static string Path
    {
        get
        {
            var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : "dotnet";
        }
    }

    /// <summary>Prepares a start info for a child `dotnet` that behaves like one a developer would run.</summary>
    public static void Sanitize(ProcessStartInfo startInfo)
    {
        foreach (var name in InheritedBuildVariables)
        {
            startInfo.Environment.Remove(name);
        }

        // No banners, telemetry, or long-lived build servers: a build server inheriting our stdout pipe
        // would keep the pipe open after the CLI exits and hang output capture.
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
        startInfo.Environment["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "true";
        startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
    }
}
