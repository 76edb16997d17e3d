// Signs an artifact keyless with sigstore-js against @sigstore/mock's Fulcio, Rekor and TSA served on loopback,
// and writes the bundle and the trusted root that vouches for those mock services.
// usage: node sign-keyless.cjs <artifact> <out-dir> <issuer> <subject> [--tsa]
// sigstore-js writes message-signature bundles as v0.2 (with an x509CertificateChain).
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const crypto = require('crypto');
const sigstore = require('sigstore');
const mock = require('@sigstore/mock');

const [artifactPath, outDir, issuer, subject, ...flags] = process.argv.slice(2);
const useTsa = flags.includes('--tsa');

function keyPair() {
  return crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

function listen(handlers) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const handler = handlers.find((h) => h.path === req.url.split('?')[0]);
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      const result = await handler.fn(Buffer.concat(chunks));
      res.writeHead(result.statusCode, { 'Content-Type': result.contentType || 'application/json' });
      res.end(Buffer.isBuffer(result.response) || ArrayBuffer.isView(result.response)
        ? Buffer.from(result.response.buffer, result.response.byteOffset, result.response.byteLength)
        : result.response);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function b64url(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function main() {
  const validFrom = new Date(Date.now() - 60 * 60 * 1000).toISOString();
  const ctlogKeys = keyPair();
  const ctlog = await mock.initializeCTLog(ctlogKeys);
  const ca = await mock.initializeCA(keyPair(), ctlog);
  const tsa = await mock.initializeTSA(keyPair());

  // The Rekor mock names itself after its URL's host in checkpoints, so it learns its port first.
  const server = await listen([]);
  const base = `http://127.0.0.1:${server.address().port}`;
  const tlog = await mock.initializeTLog(base, keyPair());
  server.removeAllListeners('request');
  const handlers = [mock.fulcioHandler(ca), mock.rekorHandler(tlog), mock.tsaHandler(tsa)];
  const routed = await listen(handlers);
  server.close();
  const url = `http://127.0.0.1:${routed.address().port}`;

  const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ iss: issuer, sub: subject, aud: 'sigstore' })}.c2ln`;
  const bundle = await sigstore.sign(fs.readFileSync(artifactPath), {
    fulcioURL: url,
    rekorURL: url,
    tsaServerURL: useTsa ? url : undefined,
    identityToken: token,
  });
  routed.close();

  const der = (buffer) => Buffer.from(buffer.buffer ? Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength) : buffer).toString('base64');
  const tlogKey = tlog.publicKey;
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [{
      baseUrl: base,
      hashAlgorithm: 'SHA2_256',
      publicKey: { rawBytes: der(tlogKey), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start: validFrom } },
      logId: { keyId: crypto.createHash('sha256').update(tlogKey).digest('base64') },
    }],
    certificateAuthorities: [{
      subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
      uri: url,
      certChain: { certificates: [{ rawBytes: der(ca.rootCertificate) }] },
      validFor: { start: validFrom },
    }],
    ctlogs: [{
      baseUrl: url,
      hashAlgorithm: 'SHA2_256',
      publicKey: { rawBytes: der(ctlog.publicKey), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start: validFrom } },
      logId: { keyId: der(ctlog.logID) },
    }],
    timestampAuthorities: [{
      subject: { organization: 'sigstore.mock', commonName: 'tsa' },
      uri: url,
      certChain: { certificates: [{ rawBytes: der(tsa.intCertificate) }, { rawBytes: der(tsa.rootCertificate) }] },
      validFor: { start: validFrom },
    }],
  };

  fs.writeFileSync(path.join(outDir, 'bundle.json'), JSON.stringify(bundle, null, 2));
  fs.writeFileSync(path.join(outDir, 'trusted_root.json'), JSON.stringify(trustedRoot, null, 2));
  console.log(JSON.stringify({ mediaType: bundle.mediaType, tlogEntries: bundle.verificationMaterial.tlogEntries.length }));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
