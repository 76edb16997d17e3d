// Signs an artifact with a given private key through @sigstore/sign, logging the signature in @sigstore/mock's
// Rekor on loopback: a keyed bundle with a transparency-log entry. Writes the bundle and the trusted root.
// usage: node sign-keyed-logged.cjs <artifact> <out-dir> <private-key.pem> <hint>
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { MessageSignatureBundleBuilder, RekorWitness } = require('@sigstore/sign');
const { bundleToJSON } = require('@sigstore/bundle');
const services = require('./mock-services.cjs');

const [artifactPath, outDir, keyPath, hint] = process.argv.slice(2);

async function main() {
  const mock = await services.start();
  const privateKey = crypto.createPrivateKey(fs.readFileSync(keyPath, 'utf8'));
  const publicKey = crypto.createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
  const signer = {
    sign: async (data) => ({ signature: crypto.sign('sha256', data, privateKey), key: { $case: 'publicKey', publicKey, hint } }),
  };
  const builder = new MessageSignatureBundleBuilder({ signer, witnesses: [new RekorWitness({ rekorBaseURL: mock.url })] });
  const bundle = bundleToJSON(await builder.create({ data: fs.readFileSync(artifactPath) }));
  mock.close();

  fs.writeFileSync(path.join(outDir, 'bundle.json'), JSON.stringify(bundle, null, 2));
  fs.writeFileSync(path.join(outDir, 'trusted_root.json'), JSON.stringify(mock.trustedRoot, null, 2));
  console.log(JSON.stringify({ mediaType: bundle.mediaType, tlogEntries: bundle.verificationMaterial.tlogEntries.length }));
}

main().catch(services.fail);
