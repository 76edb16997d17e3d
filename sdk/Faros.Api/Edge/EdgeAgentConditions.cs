namespace Faros.Api.Edge;

/// <summary>Condition types and reasons on an edge Agent.</summary>
public static class EdgeAgentConditions
{
    /// <summary>Every spec.plugins[] reference is pinned in status.</summary>
    public const string PluginsResolved = "PluginsResolved";

    /// <summary>The device's Lease was renewed recently.</summary>
    public const string Connected = "Connected";

    /// <summary>The CRDs that the pinned plugin packages ship are installed.</summary>
    public const string CrdsInstalled = "CrdsInstalled";

    /// <summary>
    /// The trust policy allows every chosen plugin version. False carries the verdict's SignatureFailure as its
    /// reason (e.g. SignatureMissing, UnknownKey, SignerNotAllowed, DigestMismatch).
    /// </summary>
    public const string PluginsVerified = "PluginsVerified";

    /// <summary>Reasons of <see cref="PluginsResolved"/>, <see cref="CrdsInstalled"/> and <see cref="Connected"/>.</summary>
    public static class Reasons
    {
        /// <summary>Every reference resolved.</summary>
        public const string Resolved = "Resolved";

        /// <summary>The registry has no such package.</summary>
        public const string NotFound = "NotFound";

        /// <summary>No listed version satisfies the range.</summary>
        public const string NoMatchingVersion = "NoMatchingVersion";

        /// <summary>Matching versions need a Faros.Sdk this hub does not offer.</summary>
        public const string IncompatibleSdk = "IncompatibleSdk";

        /// <summary>The trust policy rejects the package's signature.</summary>
        public const string SignaturePolicyViolation = "SignaturePolicyViolation";

        /// <summary>The registry could not be reached; the last resolution stays.</summary>
        public const string RegistryUnavailable = "RegistryUnavailable";

        /// <summary>The spec itself is wrong (e.g. a duplicate plugin name).</summary>
        public const string InvalidSpec = "InvalidSpec";

        /// <summary>Every pinned package's CRDs are installed.</summary>
        public const string Installed = "Installed";

        /// <summary>A package's CRD was refused (undeclared kind, a Faros group, another plugin's CRD, a digest mismatch).</summary>
        public const string CrdRejected = "CrdRejected";

        /// <summary>A package could not be downloaded or a CRD not applied; retried.</summary>
        public const string InstallFailed = "InstallFailed";

        /// <summary>Every chosen plugin version is signed by a signer the trust policy allows (or its rule is off).</summary>
        public const string Verified = "Verified";

        /// <summary>A plugin's signature check failed under a warn rule: it is pinned, and the failure shown.</summary>
        public const string Warned = "Warned";

        /// <summary>The device's Lease is fresh.</summary>
        public const string LeaseRenewed = "LeaseRenewed";

        /// <summary>The device's Lease is older than the allowed staleness.</summary>
        public const string LeaseExpired = "LeaseExpired";

        /// <summary>The device never created its Lease.</summary>
        public const string NoLease = "NoLease";
    }
}
