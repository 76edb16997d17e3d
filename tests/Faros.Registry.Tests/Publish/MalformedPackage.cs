namespace Faros.Registry.Tests.Publish;

/// <summary>
/// A package the registry must reject with 400 and leave no trace of.
/// </summary>
/// <param name="Ids">Every id the package could be (mis)stored under; all are checked for traces.</param>
/// <param name="DefectWords">Words of which at least one should appear in the problem detail naming the defect.</param>
public sealed record MalformedPackage(string Name, byte[] Content, IReadOnlyList<string> Ids, IReadOnlyList<string> DefectWords)
{
    public override string ToString() => Name;
}
