-- Who signed each package (as the trust policy found at push or when a bundle was attached), and whether a
-- Sigstore bundle is stored next to it.
ALTER TABLE packages ADD COLUMN signer_identity TEXT;
ALTER TABLE packages ADD COLUMN signer_kind TEXT;
ALTER TABLE packages ADD COLUMN signer_verified BIGINT NOT NULL DEFAULT 0;
ALTER TABLE packages ADD COLUMN has_sigstore_bundle BIGINT NOT NULL DEFAULT 0;
