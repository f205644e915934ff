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
 * AC certificates and their CRLs). The folder is re-read when its listing or any trust
 * file's size, mtime, ctime or inode changes, so publishing a CRL is "put the file there"
 * (renamed in or rewritten in place): no restart, no API call.
 */

export interface Revocation {
  revokedAt: Date;
}

/**
 * What a CRL past its nextUpdate does to the signatures and sessions that depend on it: refused
 * in production (revocations since then are unknown), a warning in development and tests.
 */
export type StaleCrlPolicy = 'refuse' | 'warn';
export const staleCrlPolicyFor = (env: 'development' | 'production' | 'test'): StaleCrlPolicy =>
  env === 'production' ? 'refuse' : 'warn';

interface CrlPolicy {
  staleCrl: StaleCrlPolicy;
  onStaleCrl: (message: string, refused: boolean) => void;
}

/** One CA's revocation list, merged over every CRL file of that CA. */
interface CaCrl {
  revoked: Map<string, Revocation>;
  /** The latest nextUpdate of the CA's CRLs (the freshest one counts); null when one has none. */
  nextUpdate: Date | null;
  files: string[];
}

/** A session's certificate, known by issuer name and serial, judged now. */
export type CertificateStatus =
  | { status: 'good' }
  | {
      status: 'revoked';
      revokedAt: Date /** The CA that was revoked, when it was not the certificate itself. */;
      authority: string | null;
    }
  | { status: 'untrusted'; reason: string };

export type Chain =
  | { trusted: true /** Issuer first, self-signed root last. */; authorities: CertificateInfo[] }
  | { trusted: false; reason: string };

const CERT_EXT = new Set(['.cer', '.crt', '.der', '.pem']);
const CRL_EXT = '.crl';
const MAX_CHAIN_CACHE = 10_000;
/**
 * File and folder times come from a coarse clock (a few ms on Linux): a change landing in the
 * same tick as our read would keep the old times. While something was modified less than
 * this long before we read it, we re-read the folder on every use (cheap: unchanged bytes reuse
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
  /** CAs whose stale CRL was already logged: once per CA per snapshot, not once per request. */
  private readonly staleReported = new Set<string>();

  constructor(
    readonly authorities: CertificateInfo[],
    /** Issuer CA fingerprint -> its CRL. */
    private readonly crls: Map<string, CaCrl>,
    private readonly policy: CrlPolicy,
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
    return (
      this.chains.get(cert.fingerprint) ??
      remember(this.chains, cert.fingerprint, this.buildChain(cert), MAX_CHAIN_CACHE)
    );
  }

  isRevoked(issuerFingerprint: string, serialNumber: string): Revocation | null {
    return this.crls.get(issuerFingerprint)?.revoked.get(normalizeSerial(serialNumber)) ?? null;
  }

  /**
   * Before trusting what `ca`'s CRL says (or does not say), checks that it is not past its
   * nextUpdate. A stale CRL is logged once; under the refuse policy it throws `<area>.crl_stale`.
   */
  requireFreshCrl(ca: CertificateInfo, now: Date, area: 'signature' | 'auth'): void {
    const crl = this.crls.get(ca.fingerprint);
    if (!crl?.nextUpdate || now <= crl.nextUpdate) return;
    const refuse = this.policy.staleCrl === 'refuse';
    const due = crl.nextUpdate.toISOString();
    if (!this.staleReported.has(ca.fingerprint)) {
      this.staleReported.add(ca.fingerprint);
      this.policy.onStaleCrl(
        `Trust store: the CRL of CA "${ca.subject}" (${crl.files.join(', ')}) is past its ` +
          `nextUpdate ${due}; put the CA's current CRL in the trust folder. ` +
          (refuse
            ? 'Until then signatures and sessions of certificates it covers are refused.'
            : 'Accepted anyway outside production.'),
        refuse,
      );
    }
    if (refuse) {
      throw new AppError(
        `${area}.crl_stale`,
        `The window cannot tell whether certificates of "${ca.subject}" were revoked: its ` +
          `revocation list expired at its nextUpdate ${due}. ` +
          'The window operators were told; try again once a current list is installed.',
        503,
        { authority: ca.subject, nextUpdate: due },
      );
    }
  }

  /**
   * Whether a certificate known by issuer name and serial (a session's) is still good at `now`:
   * some trusted CA of that name, valid and chaining to a root, with neither the certificate nor any
   * CA above it revoked. Map lookups only: the chains of the CAs are cached.
   */
  certificateStatus(issuer: string, serialNumber: string, now: Date): CertificateStatus {
    let status: CertificateStatus = {
      status: 'untrusted',
      reason: `its issuer "${issuer}" is not a trusted certificate authority`,
    };
    for (const ca of this.bySubject.get(issuer) ?? []) {
      const chain = ca.isCa && ca.keyUsage.keyCertSign ? this.chainOf(ca) : null;
      if (!chain?.trusted) continue;
      // Issuer first; a root's chain is itself.
      const authorities = [ca, ...chain.authorities.filter((a) => a.fingerprint !== ca.fingerprint)];
      const lapsed = authorities.find((a) => now < a.notBefore || now > a.notAfter);
      if (lapsed) {
        status = {
          status: 'untrusted',
          reason:
            `its CA "${lapsed.subject}" is valid only from ${lapsed.notBefore.toISOString()} to ` +
            `${lapsed.notAfter.toISOString()}`,
        };
        continue;
      }
      const revoked = this.revokedLink(serialNumber, authorities, now);
      if (!revoked) return { status: 'good' };
      status = revoked;
    }
    return status;
  }

  /** The first link of the chain (the certificate under authorities[0], then each CA under the next) revoked by now. */
  private revokedLink(serialNumber: string, authorities: CertificateInfo[], now: Date): CertificateStatus | null {
    for (let i = 0; i < authorities.length; i++) {
      const ca = authorities[i]!;
      this.requireFreshCrl(ca, now, 'auth');
      const revocation = this.isRevoked(ca.fingerprint, i === 0 ? serialNumber : authorities[i - 1]!.serialNumber);
      if (revocation && revocation.revokedAt <= now) {
        return {
          status: 'revoked',
          revokedAt: revocation.revokedAt,
          authority: i === 0 ? null : authorities[i - 1]!.subject,
        };
      }
    }
    return null;
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
  /** Default 'refuse'; the window passes staleCrlPolicyFor(config.env). */
  staleCrl?: StaleCrlPolicy;
  /**
   * Told once per CA (and folder version) that its CRL is stale. Default: console.error when refused, else
   * console.warn.
   */
  onStaleCrl?: (message: string, refused: boolean) => void;
}

export class TrustStore {
  private snapshot: TrustSnapshot;
  private contentHash: string;
  private stamp: string;
  private racy: boolean;
  private failedStamp: string | null = null;

  private constructor(
    readonly dir: string,
    private readonly onReloadError: (err: unknown) => void,
    private readonly policy: CrlPolicy,
  ) {
    const read = readFolder(dir);
    this.snapshot = buildSnapshot(read.files, policy);
    this.contentHash = read.contentHash;
    this.stamp = read.stamp.key;
    this.racy = read.stamp.racy;
  }

  /**
   * Loads the folder synchronously (so verification can stay synchronous) and throws on
   * any unusable file: a CRL that does not verify, a non-CA certificate, no CA at all.
   * Failing loudly at start beats silently running without a revocation list.
   */
  static fromDir(dir: string, opts: TrustStoreOptions = {}): TrustStore {
    return new TrustStore(
      dir,
      opts.onReloadError ?? ((err) => console.error(`Trust store ${dir} not reloaded:`, err)),
      {
        staleCrl: opts.staleCrl ?? 'refuse',
        onStaleCrl:
          opts.onStaleCrl ?? ((message, refused) => (refused ? console.error(message) : console.warn(message))),
      },
    );
  }

  /**
   * The snapshot to verify against, reloaded first if the folder changed. Costs a stat of the
   * folder and of each trust file (a handful) when nothing changed. A broken reload keeps the
   * last good snapshot and is reported once: rejecting every signature because of a bad CRL
   * upload would take the window down.
   */
  current(): TrustSnapshot {
    let stamp = 'unreadable';
    try {
      stamp = folderStamp(this.dir).key;
      if ((stamp !== this.stamp || this.racy) && stamp !== this.failedStamp) this.reload();
    } catch (err) {
      if (stamp !== this.failedStamp) this.onReloadError(err);
      this.failedStamp = stamp;
    }
    return this.snapshot;
  }

  private reload(): void {
    const read = readFolder(this.dir);
    if (read.contentHash !== this.contentHash) this.snapshot = buildSnapshot(read.files, this.policy);
    this.contentHash = read.contentHash;
    this.stamp = read.stamp.key;
    this.racy = read.stamp.racy;
    this.failedStamp = null;
  }
}

const isTrustFile = (name: string) => {
  const ext = path.extname(name).toLowerCase();
  return CERT_EXT.has(ext) || ext === CRL_EXT;
};

interface FolderStamp {
  /** The folder's mtime and each trust file's name, size, mtime, ctime and inode. */
  key: string;
  names: string[];
  /** Something changed within the clock's resolution of this stamp: it may not show the next change. */
  racy: boolean;
}

/**
 * What tells a changed folder from an unchanged one without reading the files: a file renamed in
 * changes the listing or the inode, a file rewritten in place its size, mtime or ctime (ctime
 * cannot be set back by a copy that preserves times).
 */
function folderStamp(dir: string): FolderStamp {
  const startedNs = BigInt(Date.now()) * 1_000_000n;
  let newestNs: bigint;
  let key: string;
  let names: string[];
  try {
    const folder = statSync(dir, { bigint: true });
    names = readdirSync(dir).filter(isTrustFile).sort();
    newestNs = folder.mtimeNs > folder.ctimeNs ? folder.mtimeNs : folder.ctimeNs;
    key = String(folder.mtimeNs);
    for (const name of names) {
      const s = statSync(path.join(dir, name), { bigint: true });
      key += `|${name}:${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`;
      if (s.mtimeNs > newestNs) newestNs = s.mtimeNs;
      if (s.ctimeNs > newestNs) newestNs = s.ctimeNs;
    }
  } catch (err) {
    throw new AppError(
      'pki.trust_store_missing',
      `Trust store folder ${dir} cannot be read: ${(err as Error).message}`,
      500,
    );
  }
  return { key, names, racy: startedNs - newestNs < RACY_NS };
}

interface FolderRead {
  files: Array<{ name: string; bytes: Buffer }>;
  contentHash: string;
  stamp: FolderStamp;
}

/** Stamp first, then read: a change made while reading shows in the next stamp and is read then. */
function readFolder(dir: string): FolderRead {
  const stamp = folderStamp(dir);
  const hash = createHash('sha256');
  const files: FolderRead['files'] = [];
  for (const name of stamp.names) {
    const bytes = readFileSync(path.join(dir, name));
    files.push({ name, bytes });
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  }
  return { files, contentHash: hash.digest('hex'), stamp };
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

function buildSnapshot(files: FolderRead['files'], policy: CrlPolicy): TrustSnapshot {
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
    throw new AppError(
      'pki.trust_store_empty',
      'The trust store holds no CA certificate (.cer, .crt, .der or .pem): no signature could be trusted',
      500,
    );
  }
  const byCa = new Map<string, CaCrl>();
  for (const { name, der } of crls) {
    const { issuer, entries, nextUpdate } = verifiedCrl(name, der, [...authorities.values()]);
    const known = byCa.get(issuer.fingerprint);
    const crl: CaCrl = known
      ? { ...known, nextUpdate: later(known.nextUpdate, nextUpdate) }
      : { revoked: new Map(), nextUpdate, files: [] };
    crl.files.push(name);
    for (const e of entries) crl.revoked.set(normalizeSerial(e.serialNumber), { revokedAt: e.revocationDate });
    byCa.set(issuer.fingerprint, crl);
  }
  return new TrustSnapshot([...authorities.values()], byCa, policy);
}

/** null stands for "no nextUpdate": never stale. */
const later = (a: Date | null, b: Date | null) => (a === null || b === null ? null : a > b ? a : b);

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
      cryptoVerify(
        digest,
        tbs,
        alg.name === 'ECDSA' ? { key: ca.publicKey, dsaEncoding: 'der' } : ca.publicKey,
        signature,
      ),
  );
  if (!issuer) throw invalid(name, `CRL of "${issuerName}" is not signed by a trusted CA allowed to sign CRLs`);
  return { issuer, entries: crl.entries, nextUpdate: crl.nextUpdate ?? null };
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
