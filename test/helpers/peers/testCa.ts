import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface TestCertificates {
  /** The authority's certificate, to trust (the `ca` option, or a file for NODE_EXTRA_CA_CERTS). */
  caPem: string;
  keyPem: string;
  certPem: string;
}

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return {
    privatePem,
    privateKey: forge.pki.privateKeyFromPem(privatePem),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

function certificate(serial: string, subject: string, publicKey: forge.pki.PublicKey, validDays: number) {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = serial;
  cert.publicKey = publicKey;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + validDays * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  return cert;
}

export interface ServerCertificate {
  hostnames: readonly string[];
  keyPem: string;
  certPem: string;
}

export interface TestAuthority {
  caPem: string;
  /** A server certificate for `hostnames`, signed by this authority. */
  issue(hostnames: readonly string[]): ServerCertificate;
}

/** A throwaway certificate authority made fresh for a test or a benchmark. */
export function createTestAuthority(): TestAuthority {
  const authority = keyPair();
  const ca = certificate('01', 'Accord Registry test authority', authority.publicKey, 30);
  ca.setIssuer(ca.subject.attributes);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  ca.sign(authority.privateKey, forge.md.sha256.create());
  const server = keyPair();
  let serial = 1;
  return {
    caPem: forge.pki.certificateToPem(ca),
    issue(hostnames) {
      serial++;
      const leaf = certificate(
        serial.toString(16).padStart(2, '0'),
        hostnames[0] ?? 'localhost',
        server.publicKey,
        7,
      );
      leaf.setIssuer(ca.subject.attributes);
      leaf.setExtensions([
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: hostnames.map((value) => ({ type: 2, value })) },
      ]);
      leaf.sign(authority.privateKey, forge.md.sha256.create());
      return { hostnames, keyPem: server.privatePem, certPem: forge.pki.certificateToPem(leaf) };
    },
  };
}

/** An authority and one server certificate for `hostnames`. */
export function createTestCertificates(hostnames: readonly string[]): TestCertificates {
  const authority = createTestAuthority();
  const { keyPem, certPem } = authority.issue(hostnames);
  return { caPem: authority.caPem, keyPem, certPem };
}
