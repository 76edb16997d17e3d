using Faros.Registry.Packages;
using Microsoft.AspNetCore.Mvc;

namespace Faros.Registry.Protocol;

/// <summary>SymbolPackagePublish/4.9.0: a .snupkg is stored next to the package it belongs to.</summary>
[ApiController]
[Route("api/v2/symbolpackage")]
public sealed class SymbolPublishController(PushRequestHandler pushes, PackageIngestion ingestion) : ControllerBase
{
    /// <remarks>No bound parameters: any would make MVC read the multipart form into memory before the action runs.</remarks>
    [HttpPut]
    [DisableRequestSizeLimit]
    public Task<IActionResult> Push() => pushes.HandleAsync(HttpContext, ingestion.PushSymbolsAsync);
}
