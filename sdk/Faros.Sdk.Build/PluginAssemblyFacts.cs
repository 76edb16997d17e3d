using Faros.Sdk.Manifest;

namespace Faros.Sdk.Build;

/// <summary>What the built plugin assembly says about itself.</summary>
/// <param name="SdkVersion">Version of the Faros.Sdk assembly it references; null when it references none.</param>
/// <param name="PluginTypes">Public concrete classes implementing Faros.Sdk.IFarosPlugin.</param>
/// <param name="ReconciledKinds">Kinds of the resources its Reconciler&lt;T&gt; subclasses reconcile.</param>
internal sealed record PluginAssemblyFacts(Version? SdkVersion, IReadOnlyList<string> PluginTypes, IReadOnlyList<PluginKind> ReconciledKinds);
