using Faros.Sdk.Build;

// Usage: Faros.Sdk.Build <facts-file> <plugin-assembly> <output-directory> [<project-file-for-messages>]
if (args.Length < 3)
{
    Console.Out.WriteLine(new BuildError(ErrorCodes.BadInvocation,
        "Usage: Faros.Sdk.Build <facts-file> <plugin-assembly> <output-directory> [project-file]").Format("Faros.Sdk.Build"));
    return 2;
}

var projectFile = args.Length > 3 ? args[3] : args[1];
Directory.CreateDirectory(args[2]);
ManifestGeneration generation;
try
{
    generation = ManifestGenerator.Generate(ProjectFacts.Parse(File.ReadAllLines(args[0])), args[1], args[2]);
}
catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException or FileLoadException)
{
    // Still a build error with a code, rather than a stack trace the Exec task would not recognise.
    Console.Out.WriteLine(new BuildError(ErrorCodes.BadInvocation, $"Could not read the plugin or its project facts: {ex.Message}").Format(projectFile));
    return 1;
}

foreach (var error in generation.Errors)
{
    // Canonical "file : error CODE: message" lines become build errors through the Exec task.
    Console.Out.WriteLine(error.Format(projectFile));
}

if (generation.Succeeded)
{
    Console.Out.WriteLine($"Faros plugin manifest written: {Path.Combine(args[2], "faros-plugin.json")}");
}

return generation.Succeeded ? 0 : 1;
