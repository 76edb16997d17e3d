using System.CommandLine;
using System.CommandLine.Invocation;
using Faros.Cli.Commands;
using Faros.Cli.Infrastructure;

var root = FarosRootCommand.Create();
var parseResult = root.Parse(args);

// System.CommandLine exits 1 on a parse error; usage errors get their own code (2) and a pointer to --help.
if (parseResult.Action is ParseErrorAction)
{
    foreach (var error in parseResult.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    var names = new List<string>();
    for (var result = parseResult.CommandResult; result.Command != root; result = (System.CommandLine.Parsing.CommandResult)result.Parent!)
    {
        names.Insert(0, result.Command.Name);
    }

    var path = string.Join(' ', names);
    Console.Error.WriteLine($"Run 'kubectl faros {(path.Length == 0 ? "" : path + " ")}--help' for usage.");
    return ExitCodes.Usage;
}

return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
