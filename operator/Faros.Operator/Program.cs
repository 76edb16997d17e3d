using Microsoft.Extensions.Hosting;
using Faros.Operator.Hosting;

using var host = OperatorHost.Build(args, OperatorControllers.Register);
await host.RunAsync();
return 0;
