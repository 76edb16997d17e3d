namespace Faros.Operator.LeaderElection;

/// <summary>The Lease that replicas compete for, and its timing (client-go's defaults: 15 s, 10 s, 2 s).</summary>
/// <param name="Namespace">Namespace of the Lease.</param>
/// <param name="Name">Name of the Lease.</param>
/// <param name="Identity">This replica's name in holderIdentity (the pod name in a cluster).</param>
/// <param name="LeaseDuration">How long others wait after the last observed renewal before taking over.</param>
/// <param name="RenewDeadline">How long the leader keeps trying to renew before it stops leading; shorter than <paramref name="LeaseDuration"/>.</param>
/// <param name="RetryPeriod">Time between attempts to acquire or renew.</param>
public sealed record LeaderElectionSettings(string Namespace, string Name, string Identity, TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod)
{
    /// <summary>The problems with these settings, empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Namespace) || string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(Identity))
        {
            yield return "LeaderElection needs a lease namespace, a lease name and an identity.";
        }

        if (RetryPeriod <= TimeSpan.Zero || RenewDeadline <= RetryPeriod || LeaseDuration <= RenewDeadline)
        {
            yield return $"LeaderElection timing must satisfy 0 < RetryPeriod ({RetryPeriod}) < RenewDeadline ({RenewDeadline}) < LeaseDuration ({LeaseDuration}).";
        }
    }
}
