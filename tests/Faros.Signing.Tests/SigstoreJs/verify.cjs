// Verifies a Sigstore bundle over an artifact with sigstore-js (@sigstore/verify), offline.
// usage: node verify.cjs <bundle> <artifact> (--key <public-key.pem> | --trusted-root <trusted_root.json> [--san <subject>] [--issuer <issuer>])
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const { bundleFromJSON } = require('@sigstore/bundle');
const { TrustedRoot } = require('@sigstore/protobuf-specs');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');

const [bundlePath, artifactPath, ...rest] = process.argv.slice(2);
const option = (name) => {
  const index = rest.indexOf(name);
  return index < 0 ? undefined : rest[index + 1];
};

try {
  const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
  const keyPath = option('--key');
  const rootPath = option('--trusted-root');
  const emptyRoot = { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] };
  const root = TrustedRoot.fromJSON(rootPath ? JSON.parse(fs.readFileSync(rootPath, 'utf8')) : emptyRoot);
  let keyFinder;
  if (keyPath) {
    const publicKey = crypto.createPublicKey(fs.readFileSync(keyPath, 'utf8'));
    keyFinder = () => ({ publicKey, validFor: () => true });
  }
  const material = toTrustMaterial(root, keyFinder);
  const verifier = new Verifier(material, keyPath
    ? { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 }
    : { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 });
  const policy = {};
  if (option('--san')) policy.subjectAlternativeName = option('--san');
  if (option('--issuer')) policy.extensions = { issuer: option('--issuer') };
  const signer = verifier.verify(toSignedEntity(bundle, fs.readFileSync(artifactPath)), policy);
  console.log(JSON.stringify({ verified: true, san: signer.identity && signer.identity.subjectAlternativeName }));
} catch (e) {
  console.error(`${e.code || e.name}: ${e.message}`);
  process.exit(1);
}
