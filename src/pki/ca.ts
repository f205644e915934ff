import 'reflect-metadata';
import { createPrivateKey, KeyObject, randomBytes, webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { AppError } from '../errors.ts';
import { parseCertificate, type CertificateInfo } from './certificate.ts';

/**
 * Development certificate authority: a root, an issuing CA under it, and a trust folder
 * the window reads (see TrustStore). Real deployments put SAT's CA certificates and CRLs
 * in the trust folder instead; nothing else in the app depends on this file.
 */
export interface DevPki {
  dir: string;
  trustDir: string;
  root: CertificateInfo;
  issuing: CertificateInfo;
  /** Non-extractable: signs certificates and CRLs, cannot be exported from the process. */
  issuingKey: webcrypto.CryptoKey;
}

export type EfirmaKeyUsage = 'digitalSignature' | 'nonRepudiation' | 'keyEncipherment' | 'dataEncipherment';

export interface IssueEfirmaOptions {
  rfc: string;
  curp?: string;
  name: string;
  role?: string;
  password: string;
  validFrom?: Date;
  validTo?: Date;
  keyType?: 'rsa' | 'ec';
  keyUsage?: EfirmaKeyUsage[];
}

export interface Efirma {
  /** DER certificate (.cer). */
  cer: Buffer;
  /** DER PKCS#8 EncryptedPrivateKeyInfo, PBES2/PBKDF2/AES-256-CBC (.key). */
  key: Buffer;
  serialNumber: string;
}

interface RevokedEntry {
  serialNumber: string;
  revokedAt: string;
  reason?: string;
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const RSA_GEN = { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const CA_USAGE = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;
const CRL_LIFETIME_MS = 30 * 24 * 3600 * 1000;
const subtle = webcrypto.subtle;

const paths = (dir: string) => {
  const ca = path.join(dir, 'ca');
  const trust = path.join(dir, 'trust');
  return {
    trust,
    rootCer: path.join(ca, 'root.cer'),
    rootKey: path.join(ca, 'root.key'),
    issuingCer: path.join(ca, 'issuing.cer'),
    issuingKey: path.join(ca, 'issuing.key'),
    revoked: path.join(ca, 'revoked.json'),
    trustRoot: path.join(trust, 'root.cer'),
    trustIssuing: path.join(trust, 'issuing.cer'),
    trustCrl: path.join(trust, 'issuing.crl'),
  };
};

const addYears = (d: Date, years: number) => {
  const out = new Date(d);
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
};

/** Positive, 16 bytes, top byte in 0x40..0x7f: fixed length with no DER sign padding. */
const randomSerial = () => {
  const b = randomBytes(16);
  b[0] = (b[0]! & 0x3f) | 0x40;
  return b.toString('hex').toUpperCase();
};

/** PrintableString where allowed (what SAT uses), UTF8String for names with accents or '&'. */
const text = (value: string): x509.JsonAttributeObject =>
  x509.Name.isPrintableString(value) ? { printableString: value } : { utf8String: value };

/** Write then rename in the same folder: readers (a running TrustStore) never see half a file. */
async function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

const exportPem = async (key: webcrypto.CryptoKey) =>
  KeyObject.from(key).export({ format: 'pem', type: 'pkcs8' }) as string;

async function importSigningKey(pemFile: string): Promise<webcrypto.CryptoKey> {
  const der = createPrivateKey(await readFile(pemFile)).export({ format: 'der', type: 'pkcs8' });
  return subtle.importKey('pkcs8', der, RSA, false, ['sign']);
}

async function createCa(dir: string): Promise<void> {
  const p = paths(dir);
  await mkdir(path.dirname(p.rootCer), { recursive: true, mode: 0o700 });
  const now = new Date(Date.now() - 60_000);
  const rootKeys = (await subtle.generateKey(RSA_GEN, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'CN=Ventanilla Dev Root CA, O=Ventanilla (development), C=MX',
    notBefore: now,
    notAfter: addYears(now, 20),
    keys: rootKeys,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(CA_USAGE, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const issuingKeys = (await subtle.generateKey(RSA_GEN, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const issuing = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: 'CN=Ventanilla Dev Issuing CA, O=Ventanilla (development), C=MX',
    issuer: root.subjectName,
    notBefore: now,
    notAfter: addYears(now, 10),
    publicKey: issuingKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(CA_USAGE, true),
      await x509.SubjectKeyIdentifierExtension.create(issuingKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  await writeFile(p.rootKey, await exportPem(rootKeys.privateKey), { mode: 0o600 });
  await writeFile(p.issuingKey, await exportPem(issuingKeys.privateKey), { mode: 0o600 });
  await writeFile(p.revoked, '[]\n', { mode: 0o600 });
  await writeFile(p.issuingCer, Buffer.from(issuing.rawData), { mode: 0o600 });
  // Written last: its presence is what marks the CA as initialised.
  await writeFile(p.rootCer, Buffer.from(root.rawData), { mode: 0o600 });
}

/** Creates the dev CA and trust folder if absent, else loads them; restores missing trust files. */
export async function initDevPki(dir: string): Promise<DevPki> {
  const p = paths(dir);
  if (!existsSync(p.rootCer)) await createCa(dir);
  const pki = await loadDevPki(dir);
  await mkdir(p.trust, { recursive: true, mode: 0o700 });
  if (!existsSync(p.trustRoot)) await writeFileAtomic(p.trustRoot, pki.root.der);
  if (!existsSync(p.trustIssuing)) await writeFileAtomic(p.trustIssuing, pki.issuing.der);
  if (!existsSync(p.trustCrl)) await writeCrl(pki, await readRevoked(dir));
  return pki;
}

/** The dev CA's private keys, which must stay 0600. */
export const devPkiKeyFiles = (dir: string) => [paths(dir).rootKey, paths(dir).issuingKey];

export async function loadDevPki(dir: string): Promise<DevPki> {
  const p = paths(dir);
  for (const file of [p.rootCer, p.issuingCer, p.issuingKey, p.revoked]) {
    if (!existsSync(file)) {
      throw new AppError(
        'pki.not_initialised',
        `No development PKI in ${dir}: ${file} is missing (run initDevPki first)`,
        500,
      );
    }
  }
  return {
    dir,
    trustDir: p.trust,
    root: parseCertificate(await readFile(p.rootCer)),
    issuing: parseCertificate(await readFile(p.issuingCer)),
    issuingKey: await importSigningKey(p.issuingKey),
  };
}

/** The issuing CA's subject exactly as encoded, so issuer names match byte for byte. */
const issuingName = (pki: DevPki) => new x509.X509Certificate(new Uint8Array(pki.issuing.der)).subjectName;

const KEY_USAGE_FLAGS: Record<EfirmaKeyUsage, x509.KeyUsageFlags> = {
  digitalSignature: x509.KeyUsageFlags.digitalSignature,
  nonRepudiation: x509.KeyUsageFlags.nonRepudiation,
  keyEncipherment: x509.KeyUsageFlags.keyEncipherment,
  dataEncipherment: x509.KeyUsageFlags.dataEncipherment,
};

/** Issues a SAT-style e.firma: RFC in x500UniqueIdentifier, CURP in serialNumber. */
export async function issueEfirma(pki: DevPki, opts: IssueEfirmaOptions): Promise<Efirma> {
  if (!opts.password) throw new AppError('efirma.password_required', 'An e.firma private key needs a password', 400);
  if (!opts.rfc.trim() || !opts.name.trim())
    throw new AppError('efirma.invalid_subject', 'An e.firma needs an RFC and a name', 400);
  const validFrom = opts.validFrom ?? new Date(Date.now() - 60_000);
  const validTo = opts.validTo ?? addYears(validFrom, 4);
  if (!(validTo.getTime() > validFrom.getTime())) {
    throw new AppError('efirma.invalid_validity', 'An e.firma needs valid dates with validTo after validFrom', 400);
  }
  const usages = opts.keyUsage ?? ['digitalSignature', 'nonRepudiation'];
  const unknown = usages.filter((u) => !Object.hasOwn(KEY_USAGE_FLAGS, u));
  if (usages.length === 0 || unknown.length > 0) {
    throw new AppError(
      'efirma.invalid_key_usage',
      `Key usage must be some of ` +
        `${Object.keys(KEY_USAGE_FLAGS).join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
      400,
    );
  }
  const usage = usages.reduce((acc, u) => acc | KEY_USAGE_FLAGS[u], 0);
  const keys = (await subtle.generateKey(opts.keyType === 'ec' ? EC : RSA_GEN, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const serialNumber = randomSerial();
  const subject: x509.JsonNameParams = [
    { CN: [text(opts.name)] },
    { O: [text(opts.name)] },
    { '2.5.4.45': [text(opts.rfc)] },
    ...(opts.curp ? [{ '2.5.4.5': [text(opts.curp)] }] : []),
    ...(opts.role ? [{ OU: [text(opts.role)] }] : []),
    { C: [text('MX')] },
  ];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: new x509.Name(subject),
    issuer: issuingName(pki),
    notBefore: validFrom,
    notAfter: validTo,
    publicKey: keys.publicKey,
    signingKey: pki.issuingKey,
    signingAlgorithm: RSA,
    extensions: [
      new x509.KeyUsagesExtension(usage, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(pki.issuing.publicKey.export({ format: 'der', type: 'spki' })),
    ],
  });
  const key = KeyObject.from(keys.privateKey).export({
    format: 'der',
    type: 'pkcs8',
    cipher: 'aes-256-cbc',
    passphrase: opts.password,
  });
  return { cer: Buffer.from(cert.rawData), key, serialNumber };
}

/** Writes RFC.cer and RFC.key (0600), the way SAT hands them to taxpayers. */
export async function writeEfirma(
  outDir: string,
  rfc: string,
  efirma: Pick<Efirma, 'cer' | 'key'>,
): Promise<{ cerPath: string; keyPath: string }> {
  if (!rfc || path.basename(rfc) !== rfc || rfc.startsWith('.')) {
    throw new AppError('efirma.invalid_rfc', `"${rfc}" cannot be used as a file name`, 400);
  }
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  const cerPath = path.join(outDir, `${rfc}.cer`);
  const keyPath = path.join(outDir, `${rfc}.key`);
  await writeFile(cerPath, efirma.cer, { mode: 0o600 });
  await writeFile(keyPath, efirma.key, { mode: 0o600 });
  return { cerPath, keyPath };
}

async function readRevoked(dir: string): Promise<RevokedEntry[]> {
  return JSON.parse(await readFile(paths(dir).revoked, 'utf8')) as RevokedEntry[];
}

async function writeCrl(pki: DevPki, revoked: RevokedEntry[]): Promise<void> {
  const thisUpdate = new Date();
  const crl = await x509.X509CrlGenerator.create({
    issuer: issuingName(pki),
    thisUpdate,
    nextUpdate: new Date(thisUpdate.getTime() + CRL_LIFETIME_MS),
    signingKey: pki.issuingKey,
    signingAlgorithm: RSA,
    extensions: [
      await x509.AuthorityKeyIdentifierExtension.create(pki.issuing.publicKey.export({ format: 'der', type: 'spki' })),
    ],
    entries: revoked.map((r) => ({
      serialNumber: r.serialNumber,
      revocationDate: new Date(r.revokedAt),
      reason: crlReason(r.reason),
    })),
  });
  await writeFileAtomic(paths(pki.dir).trustCrl, Buffer.from(crl.rawData));
}

/** A reason named like an RFC 5280 reason code ('keyCompromise', ...) is also put in the CRL. */
function crlReason(reason: string | undefined): x509.X509CrlReason | undefined {
  const code: unknown =
    reason === undefined ? undefined : x509.X509CrlReason[reason as keyof typeof x509.X509CrlReason];
  return typeof code === 'number' ? code : undefined;
}

// Revocations are read-modify-write of revoked.json: one at a time per CA folder.
const queues = new Map<string, Promise<unknown>>();

export function revokeCertificate(
  pki: DevPki,
  certDer: Buffer,
  reason?: string,
): Promise<{ serialNumber: string; revokedAt: Date }> {
  const key = path.resolve(pki.dir);
  const run = (queues.get(key) ?? Promise.resolve()).then(() => revoke(pki, certDer, reason));
  queues.set(
    key,
    run.catch(() => undefined),
  );
  return run;
}

async function revoke(
  pki: DevPki,
  certDer: Buffer,
  reason?: string,
): Promise<{ serialNumber: string; revokedAt: Date }> {
  const cert = parseCertificate(certDer);
  if (cert.issuer !== pki.issuing.subject || !cert.x509.verify(pki.issuing.publicKey)) {
    throw new AppError(
      'pki.not_issued_here',
      `Certificate ${cert.serialNumber} (issuer "${cert.issuer}") was not issued by ${pki.issuing.subject}`,
      422,
    );
  }
  const revoked = await readRevoked(pki.dir);
  const existing = revoked.find((r) => r.serialNumber === cert.serialNumber);
  if (existing) return { serialNumber: cert.serialNumber, revokedAt: new Date(existing.revokedAt) };
  // CRL dates have one-second resolution: store the same instant the CRL will carry.
  const revokedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  revoked.push({ serialNumber: cert.serialNumber, revokedAt: revokedAt.toISOString(), ...(reason ? { reason } : {}) });
  await writeFileAtomic(paths(pki.dir).revoked, `${JSON.stringify(revoked, null, 2)}\n`);
  await writeCrl(pki, revoked);
  return { serialNumber: cert.serialNumber, revokedAt };
}
