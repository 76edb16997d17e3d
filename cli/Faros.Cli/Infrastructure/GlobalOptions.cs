using System.CommandLine;

namespace Faros.Cli.Infrastructure;

/// <summary>Options every command understands, as kubectl does: which kubeconfig file and which context.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Kubeconfig = new("--kubeconfig")
    {
        Description = "Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).",
        Recursive = true,
    };

    public static readonly Option<string?> Context = new("--context")
    {
        Description = "The kubeconfig context to use (default: the current context).",
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Kubeconfig);
        root.Options.Add(Context);
    }
}
