// Signs an artifact keyless with sigstore-js against @sigstore/mock's Fulcio, Rekor and TSA served on loopback,
// and writes the bundle and the trusted root that vouches for those mock services.
// usage: node sign-keyless.cjs <artifact> <out-dir> <issuer> <subject> [--tsa]
// sigstore-js writes message-signature bundles as v0.2 (with an x509CertificateChain).
'use strict';
const fs = require('fs');
const path = require('path');
const sigstore = require('sigstore');
const services = require('./mock-services.cjs');

const [artifactPath, outDir, issuer, subject, ...flags] = process.argv.slice(2);
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function main() {
  const mock = await services.start();
  // The mock Fulcio reads the token's claims without checking its signature.
  const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ iss: issuer, sub: subject, aud: 'sigstore' })}.c2ln`;
  const bundle = await sigstore.sign(fs.readFileSync(artifactPath), {
    fulcioURL: mock.url,
    rekorURL: mock.url,
    tsaServerURL: flags.includes('--tsa') ? mock.url : undefined,
    identityToken: token,
  });
  mock.close();

  fs.writeFileSync(path.join(outDir, 'bundle.json'), JSON.stringify(bundle, null, 2));
  fs.writeFileSync(path.join(outDir, 'trusted_root.json'), JSON.stringify(mock.trustedRoot, null, 2));
  console.log(JSON.stringify({ mediaType: bundle.mediaType, tlogEntries: bundle.verificationMaterial.tlogEntries.length }));
}

main().catch(services.fail);
