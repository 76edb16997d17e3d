// @sigstore/mock's Fulcio, Rekor and TSA behind one HTTP server on loopback, and the trusted root that vouches for
// them (as a Faros verifier would pin it). Shared by the signing scripts.
'use strict';
const http = require('http');
const crypto = require('crypto');
const mock = require('@sigstore/mock');

function keyPair() {
  return crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

function serve(handlers) {
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
      const body = ArrayBuffer.isView(result.response)
        ? Buffer.from(result.response.buffer, result.response.byteOffset, result.response.byteLength)
        : result.response;
      res.writeHead(result.statusCode, { 'Content-Type': result.contentType || 'application/json' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const base64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

// Starts the services; returns { url, trustedRoot, close }.
async function start() {
  const validFrom = new Date(Date.now() - 60 * 60 * 1000).toISOString();
  const ctlog = await mock.initializeCTLog(keyPair());
  const ca = await mock.initializeCA(keyPair(), ctlog);
  const tsa = await mock.initializeTSA(keyPair());

  // The Rekor mock names itself after its URL's host in checkpoints, so the server's port is chosen first.
  const handlers = [];
  const server = await serve(handlers);
  const url = `http://127.0.0.1:${server.address().port}`;
  const tlog = await mock.initializeTLog(url, keyPair());
  handlers.push(mock.fulcioHandler(ca), mock.rekorHandler(tlog), mock.tsaHandler(tsa));

  const log = (publicKey, logId) => ({
    baseUrl: url,
    hashAlgorithm: 'SHA2_256',
    publicKey: { rawBytes: base64(publicKey), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start: validFrom } },
    logId: { keyId: base64(logId) },
  });
  const authority = (commonName, certificates) => ({
    subject: { organization: 'sigstore.mock', commonName },
    uri: url,
    certChain: { certificates: certificates.map((c) => ({ rawBytes: base64(c) })) },
    validFor: { start: validFrom },
  });
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [log(tlog.publicKey, crypto.createHash('sha256').update(tlog.publicKey).digest())],
    certificateAuthorities: [authority('sigstore', [ca.rootCertificate])],
    ctlogs: [log(ctlog.publicKey, ctlog.logID)],
    timestampAuthorities: [authority('tsa', [tsa.intCertificate, tsa.rootCertificate])],
  };
  return { url, trustedRoot, close: () => server.close() };
}

function fail(e) {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
}

module.exports = { start, fail };
