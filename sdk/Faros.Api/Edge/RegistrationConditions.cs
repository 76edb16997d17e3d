namespace Faros.Api.Edge;

/// <summary>Condition types and reasons on a Registration.</summary>
public static class RegistrationConditions
{
    /// <summary>ServiceAccount, token Secret, Role and RoleBinding exist and the token is issued.</summary>
    public const string Ready = "Ready";

    /// <summary>Reasons of <see cref="Ready"/>.</summary>
    public static class Reasons
    {
        /// <summary>Everything the device needs exists.</summary>
        public const string Provisioned = "Provisioned";

        /// <summary>The token Secret waits for its token.</summary>
        public const string TokenPending = "TokenPending";

        /// <summary>The spec is wrong (e.g. no agentName).</summary>
        public const string InvalidSpec = "InvalidSpec";
    }
}
