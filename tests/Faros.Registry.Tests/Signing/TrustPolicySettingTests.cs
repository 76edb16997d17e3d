using System.Diagnostics;
using System.Security.Cryptography;

namespace Faros.Registry.Tests.Signing;

/// <summary>A trust policy that does not parse stops the registry at start-up, naming the setting, the field and the fix.</summary>
[TestFixture]
public sealed class TrustPolicySettingTests
{
    [Test]
    public async Task A_broken_trust_policy_stops_the_registry_at_start_up_naming_the_field()
    {
        using var directory = new TempDirectory("broken-policy");
        var policy = TestTrustPolicy.Write(directory.Path, "rules:\n  - packages: [\"Contoso.*\"]\n    mode: strict\n");

        var startInfo = new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = directory.Path };
        startInfo.ArgumentList.Add(RegistryBinary.Locate());
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{FreeTcpPort.Next()}");
        DotnetHost.Sanitize(startInfo);
        startInfo.Environment["FAROS_DATA_DIR"] = directory.Sub("data");
        startInfo.Environment["FAROS_BOOTSTRAP_API_KEY"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        startInfo.Environment[RegistryProcess.TrustPolicySetting] = policy;
        var output = new CapturedOutput();
        var server = ChildProcess.Start(startInfo, output);
        int exitCode;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await server.WaitForExitAsync(timeout.Token);
            exitCode = server.ExitCode;
        }
        finally
        {
            await ChildProcess.StopAsync(server, TimeSpan.FromSeconds(5));
        }

        Assert.That(exitCode, Is.Not.Zero, output.ToString());
        Assert.That(output.ToString(), Does.Contain("Signing:TrustPolicyPath").And.Contain("rules[0].mode is 'strict'; use require, warn or off"));
    }
}
