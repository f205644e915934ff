import 'reflect-metadata';
import { createHash, verify as cryptoVerify } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { AppError } from '../errors.ts';
import { remember } from './bounded-map.ts';
import { formatName, normalizeSerial, parseCertificate, type CertificateInfo } from './certificate.ts';

/**
 * The CA certificates and CRLs the window trusts, read from one folder (e.g. SAT's
 * AC certificates and their CRLs). The folder is re-read when its mtime changes, so
 * publishing a CRL is "write a temp file, rename it in": no restart, no API call.
 * Files edited in place do not change the folder's mtime and are not picked up.
 */

export interface Revocation {
  revokedAt: Date;
}

export type Chain =
  | { trusted: true; /** Issuer first, self-signed root last. */ authorities: CertificateInfo[] }
  | { trusted: false; reason: string };

const CERT_EXT = new Set(['.cer', '.crt', '.der', '.pem']);
const CRL_EXT = '.crl';
const MAX_CHAIN_CACHE = 10_000;
/**
 * Directory mtimes come from a coarse clock (a few ms on Linux): a change landing in the
 * same tick as our read would keep the old mtime. While the folder was modified less than
 * this long before we read it, we re-read it on every use (cheap: unchanged bytes reuse
 * the parsed snapshot), as git does for "racily clean" files.
 */
const RACY_NS = 1_000_000_000n;

const invalid = (file: string, why: string) =>
  new AppError('pki.trust_store_invalid', `Trust store file ${file}: ${why}`, 500);

/** An immutable view of the trust folder at one moment, with its own chain cache. */
export class TrustSnapshot {
  private readonly bySubject = new Map<string, CertificateInfo[]>();
  private readonly selfSigned = new Set<string>();
  private readonly chains = new Map<string, Chain>();

  constructor(
    readonly authorities: CertificateInfo[],
    /** Issuer CA fingerprint -> normalised serial -> revocation. */
    private readonly revoked: Map<string, Map<string, Revocation>>,
  ) {
    for (const ca of authorities) {
      this.bySubject.set(ca.subject, [...(this.bySubject.get(ca.subject) ?? []), ca]);
      if (ca.subject === ca.issuer && ca.x509.verify(ca.publicKey)) this.selfSigned.add(ca.fingerprint);
    }
  }

  /** Trusted CAs whose name matches the certificate's issuer and whose key verifies its signature. */
  issuersOf(cert: CertificateInfo): CertificateInfo[] {
    return (this.bySubject.get(cert.issuer) ?? []).filter(
      (ca) => ca.isCa && ca.keyUsage.keyCertSign && cert.x509.verify(ca.publicKey),
    );
  }

  /** Chains of 2 (leaf, root) or 3 (leaf, issuing CA, root); cached per certificate. */
  chainOf(cert: CertificateInfo): Chain {
    return this.chains.get(cert.fingerprint) ?? remember(this.chains, cert.fingerprint, this.buildChain(cert), MAX_CHAIN_CACHE);
  }

  isRevoked(issuerFingerprint: string, serialNumber: string): Revocation | null {
    return this.revoked.get(issuerFingerprint)?.get(normalizeSerial(serialNumber)) ?? null;
  }

  private buildChain(cert: CertificateInfo): Chain {
    const issuers = this.issuersOf(cert);
    if (issuers.length === 0) {
      return {
        trusted: false,
        reason: this.bySubject.has(cert.issuer)
          ? `its signature does not verify with the key of the trusted CA "${cert.issuer}"`
          : `its issuer "${cert.issuer}" is not a trusted certificate authority`,
      };
    }
    for (const ca of issuers) {
      if (this.selfSigned.has(ca.fingerprint)) return { trusted: true, authorities: [ca] };
      const root = this.issuersOf(ca).find(
        (r) => this.selfSigned.has(r.fingerprint) && (r.caPathLength === null || r.caPathLength >= 1),
      );
      if (root) return { trusted: true, authorities: [ca, root] };
    }
    return { trusted: false, reason: `its issuer "${cert.issuer}" does not chain to a trusted self-signed root CA` };
  }
}

export interface TrustStoreOptions {
  /** Called when a hot reload fails; the last good snapshot stays in use. */
  onReloadError?: (err: unknown) => void;
}

export class TrustStore {
  private snapshot: TrustSnapshot;
  private contentHash: string;
  private mtimeNs: bigint;
  private racy: boolean;
  private failedMtimeNs: bigint | null = null;

  private constructor(
    readonly dir: string,
    private readonly onReloadError: (err: unknown) => void,
  ) {
    const read = readFolder(dir);
    this.snapshot = buildSnapshot(read.files);
    this.contentHash = read.contentHash;
    this.mtimeNs = read.mtimeNs;
    this.racy = read.racy;
  }

  /**
   * Loads the folder synchronously (so verification can stay synchronous) and throws on
   * any unusable file: a CRL that does not verify, a non-CA certificate, no CA at all.
   * Failing loudly at start beats silently running without a revocation list.
   */
  static fromDir(dir: string, opts: TrustStoreOptions = {}): TrustStore {
    return new TrustStore(dir, opts.onReloadError ?? ((err) => console.error(`Trust store ${dir} not reloaded:`, err)));
  }

  /**
   * The snapshot to verify against, reloaded first if the folder changed. Costs one stat
   * when nothing changed. A broken reload keeps the last good snapshot and is reported
   * once: rejecting every signature because of a bad CRL upload would take the window down.
   */
  current(): TrustSnapshot {
    let mtimeNs = -1n; // stands for "folder unreadable" in failedMtimeNs
    try {
      mtimeNs = statSync(this.dir, { bigint: true }).mtimeNs;
      if ((mtimeNs !== this.mtimeNs || this.racy) && mtimeNs !== this.failedMtimeNs) this.reload();
    } catch (err) {
      if (mtimeNs !== this.failedMtimeNs) this.onReloadError(err);
      this.failedMtimeNs = mtimeNs;
    }
    return this.snapshot;
  }

  private reload(): void {
    const read = readFolder(this.dir);
    if (read.contentHash !== this.contentHash) this.snapshot = buildSnapshot(read.files);
    this.contentHash = read.contentHash;
    this.mtimeNs = read.mtimeNs;
    this.racy = read.racy;
    this.failedMtimeNs = null;
  }
}

interface FolderRead {
  files: Array<{ name: string; bytes: Buffer }>;
  contentHash: string;
  mtimeNs: bigint;
  racy: boolean;
}

function readFolder(dir: string): FolderRead {
  const startedNs = BigInt(Date.now()) * 1_000_000n;
  let mtimeNs: bigint;
  let names: string[];
  try {
    mtimeNs = statSync(dir, { bigint: true }).mtimeNs;
    names = readdirSync(dir).sort();
  } catch (err) {
    throw new AppError('pki.trust_store_missing', `Trust store folder ${dir} cannot be read: ${(err as Error).message}`, 500);
  }
  const hash = createHash('sha256');
  const files: FolderRead['files'] = [];
  for (const name of names) {
    const ext = path.extname(name).toLowerCase();
    if (!CERT_EXT.has(ext) && ext !== CRL_EXT) continue;
    const bytes = readFileSync(path.join(dir, name));
    files.push({ name, bytes });
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  }
  return { files, contentHash: hash.digest('hex'), mtimeNs, racy: startedNs - mtimeNs < RACY_NS };
}

/** DER as is; PEM may hold several blocks (a CA bundle), certificates and CRLs alike. */
function splitFile(name: string, bytes: Buffer): { certs: Buffer[]; crls: Buffer[] } {
  const text = bytes.toString('latin1');
  if (!text.includes('-----BEGIN ')) {
    return path.extname(name).toLowerCase() === CRL_EXT ? { certs: [], crls: [bytes] } : { certs: [bytes], crls: [] };
  }
  const blocks = (label: string) =>
    [...text.matchAll(new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]*)-----END ${label}-----`, 'g'))].map((m) =>
      Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'),
    );
  const found = { certs: blocks('CERTIFICATE'), crls: blocks('X509 CRL') };
  if (found.certs.length + found.crls.length === 0) throw invalid(name, 'no CERTIFICATE or X509 CRL PEM block');
  return found;
}

function buildSnapshot(files: FolderRead['files']): TrustSnapshot {
  const authorities = new Map<string, CertificateInfo>();
  const crls: Array<{ name: string; der: Buffer }> = [];
  for (const { name, bytes } of files) {
    const { certs, crls: fileCrls } = splitFile(name, bytes);
    for (const der of certs) {
      let ca: CertificateInfo;
      try {
        ca = parseCertificate(der);
      } catch (err) {
        throw invalid(name, (err as Error).message);
      }
      if (!ca.isCa) throw invalid(name, `"${ca.subject}" is not a CA certificate (basicConstraints CA is not set)`);
      authorities.set(ca.fingerprint, ca);
    }
    crls.push(...fileCrls.map((der) => ({ name, der })));
  }
  if (authorities.size === 0) {
    throw new AppError('pki.trust_store_empty', 'The trust store holds no CA certificate (.cer, .crt, .der or .pem): no signature could be trusted', 500);
  }
  const revoked = new Map<string, Map<string, Revocation>>();
  for (const { name, der } of crls) {
    const { issuer, entries } = verifiedCrl(name, der, [...authorities.values()]);
    const bySerial = revoked.get(issuer.fingerprint) ?? new Map<string, Revocation>();
    for (const e of entries) bySerial.set(normalizeSerial(e.serialNumber), { revokedAt: e.revocationDate });
    revoked.set(issuer.fingerprint, bySerial);
  }
  return new TrustSnapshot([...authorities.values()], revoked);
}

/** A CRL is only used once its signature verifies with a trusted CA allowed to sign CRLs. */
function verifiedCrl(name: string, der: Buffer, authorities: CertificateInfo[]) {
  let crl: x509.X509Crl;
  try {
    crl = new x509.X509Crl(new Uint8Array(der));
  } catch {
    throw invalid(name, 'not a valid DER or PEM X.509 CRL');
  }
  const issuerName = formatName(crl.issuerName);
  const alg = crl.signatureAlgorithm;
  const digest = alg.hash?.name.replace('-', '').toLowerCase();
  if ((alg.name !== 'RSASSA-PKCS1-v1_5' && alg.name !== 'ECDSA') || !digest) {
    throw invalid(name, `CRL signature algorithm ${alg.name} is not supported`);
  }
  const tbs = firstElement(der);
  const signature = new Uint8Array(crl.signature);
  const issuer = authorities.find(
    (ca) =>
      ca.subject === issuerName &&
      ca.keyUsage.cRLSign &&
      cryptoVerify(digest, tbs, alg.name === 'ECDSA' ? { key: ca.publicKey, dsaEncoding: 'der' } : ca.publicKey, signature),
  );
  if (!issuer) throw invalid(name, `CRL of "${issuerName}" is not signed by a trusted CA allowed to sign CRLs`);
  return { issuer, entries: crl.entries };
}

/** The raw bytes of the first element of the outer DER SEQUENCE: the signed part (tbsCertList). */
function firstElement(der: Uint8Array): Uint8Array {
  const header = (at: number) => {
    const first = der[at + 1] ?? 0;
    if (first < 0x80) return { size: 2, length: first };
    const n = first & 0x7f;
    let length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + (der[at + 2 + i] ?? 0);
    return { size: 2 + n, length };
  };
  const start = header(0).size;
  const inner = header(start);
  return der.subarray(start, start + inner.size + inner.length);
}
