using Microsoft.Extensions.Options;

namespace Faros.Operator.Hosting;

/// <summary>Fails start-up with every problem of <see cref="OperatorOptions"/> named.</summary>
public sealed class OperatorOptionsValidation : IValidateOptions<OperatorOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        var problems = options.Problems().ToList();
        if (options.LeaderElection)
        {
            problems.AddRange(OperatorHost.LeaderElectionFrom(options).Problems());
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
