using Faros.Registry.Admin;
using Faros.Registry.Hosting;

if (AdminCommands.IsAdminCommand(args))
{
    return await AdminCommands.RunAsync(args);
}

var app = RegistryWebApp.Build(args);
await app.Services.GetRequiredService<RegistryInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
await app.RunAsync();
return 0;
