namespace Faros.Api.Intelligence;

/// <summary>Condition types and reasons on an intelligence Agent.</summary>
public static class AiAgentConditions
{
    /// <summary>The backend answers with this key and lists the model.</summary>
    public const string Ready = "Ready";

    /// <summary>Reasons of <see cref="Ready"/>.</summary>
    public static class Reasons
    {
        /// <summary>Accepted, not checked yet.</summary>
        public const string Pending = "Pending";

        /// <summary>The backend lists the model for this key.</summary>
        public const string BackendReady = "BackendReady";

        /// <summary>The backend or base URL is not usable.</summary>
        public const string InvalidBackend = "InvalidBackend";

        /// <summary>secretRef names no Secret.</summary>
        public const string SecretNotFound = "SecretNotFound";

        /// <summary>The Secret lacks secretRef.key.</summary>
        public const string SecretKeyMissing = "SecretKeyMissing";

        /// <summary>The backend refuses the key (401/403).</summary>
        public const string BackendUnauthorized = "BackendUnauthorized";

        /// <summary>The backend did not answer, or answered an error.</summary>
        public const string BackendUnavailable = "BackendUnavailable";

        /// <summary>The backend does not list the model.</summary>
        public const string ModelNotFound = "ModelNotFound";
    }
}
