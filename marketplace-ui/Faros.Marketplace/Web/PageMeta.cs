namespace Faros.Marketplace.Web;

/// <summary>
/// Title, description and image of a page, for the title bar, search engines and OpenGraph link previews.
/// Pages put one in ViewData; the layout renders it.
/// </summary>
public sealed record PageMeta(string Title, string Description, string? ImagePath = null, string OpenGraphType = "website")
{
    public const string Key = "PageMeta";
    public const string SiteName = "Faros Marketplace";

    public static readonly PageMeta Default = new(SiteName, "Plugins for Faros, the Kubernetes-native control plane for devices and hubs.");

    public string FullTitle => Title == SiteName ? SiteName : $"{Title} · {SiteName}";
}
