using System.Text.Json;
using System.Xml.Linq;
using Faros.Testing;

namespace Faros.Sdk.Tests.Packaging;

/// <summary>
/// The pack targets leave out the packages the host shares. That list must be exactly Faros.Sdk's runtime
/// dependency closure: a missing entry ships a second copy of a contract assembly (type identity breaks at
/// load), an extra entry leaves out something the host does not provide.
/// </summary>
public sealed class HostSharedPackagesTests
{
    [Test]
    public void The_host_shared_list_is_the_runtime_closure_of_Faros_Sdk()
    {
        var targets = XDocument.Load(Path.Combine(RepositoryRoot.Find(), "sdk", "Faros.Sdk", "build", "Faros.Sdk.targets"));
        var listed = targets.Descendants().Single(e => e.Name.LocalName == "FarosHostSharedPackages").Value
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.OrdinalIgnoreCase);

        Assert.That(listed, Is.EqualTo(RuntimeClosureOf("Faros.Sdk").Order(StringComparer.OrdinalIgnoreCase)));
    }

    /// <summary>Walks this test assembly's deps.json, which records how Faros.Sdk's dependencies actually resolved.</summary>
    private static IEnumerable<string> RuntimeClosureOf(string root)
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Faros.Sdk.Tests.deps.json")));
        var target = deps.RootElement.GetProperty("targets").EnumerateObject().First().Value;
        var byName = target.EnumerateObject().ToDictionary(p => p.Name.Split('/')[0], p => p.Value, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name) || !byName.TryGetValue(name, out var entry) || !entry.TryGetProperty("dependencies", out var dependencies))
            {
                continue;
            }

            foreach (var dependency in dependencies.EnumerateObject())
            {
                pending.Push(dependency.Name);
            }
        }

        return seen;
    }
}
