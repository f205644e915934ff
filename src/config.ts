import net from 'node:net';
import path from 'node:path';

/** Everything the process reads from its environment, parsed and checked once. */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  /** postgres://... for a real server; undefined means embedded PGlite in dataDir. */
  databaseUrl?: string;
  /** Folder of trusted CA certificates and CRLs. Defaults to the dev PKI's trust folder in dataDir. */
  trustDir: string;
  /** The window's own ES256 signing key (PKCS#8 PEM). */
  windowKeyPath: string;
  logLevel: string;
  sessionTtlMinutes: number;
  challengeTtlSeconds: number;
  /** Login attempts (challenge + login) allowed per client address per minute. */
  loginRateLimit: number;
  /**
   * Public verification requests (permits by number, code or token; the audit chain) allowed per client address per
   * minute.
   */
  verifyRateLimit: number;
  /** Seed demo traders, officers and e.firma files on first start (never in production). */
  demo: boolean;
  /** The address people and border officers reach the window at: printed on permits and in their QR links. */
  publicUrl: string;
  /** SMTP delivery of notification e-mails; null when SMTP_URL is unset (in-window notifications only). */
  mail: { smtpUrl: string; from: string } | null;
  /** Largest eDocument (PDF) accepted, in bytes; the upload is cut off as soon as it passes this. */
  edocumentMaxBytes: number;
  /**
   * What the compressed streams of one uploaded PDF may inflate to in total, in bytes; beyond it the upload is
   * refused.
   */
  edocumentMaxInflatedBytes: number;
  /** How long the check of one uploaded PDF may take before its worker thread is stopped and the upload refused. */
  edocumentInspectionTimeoutMs: number;
  /** PDF checks (worker threads) run at once by one process; a few more uploads wait, the rest are refused as busy. */
  edocumentInspectionWorkers: number;
  /** Uploads one user may hold unsigned (and unexpired) at once, and their total size in bytes. */
  edocumentMaxPendingUploads: number;
  edocumentMaxPendingBytes: number;
  /** Which proxies may tell the client's address (X-Forwarded-For) and scheme: none unless TRUST_PROXY names them. */
  trustProxy: false | number | string[];
  /** Serve the Swagger UI at /docs (always in development; in production only with VENTANILLA_DOCS=true). */
  docs: boolean;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1, max = 1_000_000): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

// proxy-addr (what Fastify uses) also knows these names for address ranges.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function proxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const family = net.isIP(address ?? '');
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset means no proxy is trusted (X-Forwarded-* are ignored, the socket's address counts);
 * a number trusts that many hops in front of the window; a list trusts those proxy addresses or CIDRs.
 * "true" (trust anyone) is refused: any client could then choose its own address.
 */
function trustProxy(raw: string | undefined): Config['trustProxy'] {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const entries = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (entries.length && entries.every(proxyAddress)) return entries;
  }
  throw new ConfigError(
    `TRUST_PROXY must be the number of proxies in front of the window (1 to 10) or a comma-separated list of ` +
      `their addresses or CIDRs (e.g. 10.0.0.5,192.168.1.0/24), got "${raw}"`,
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (nodeEnv !== 'development' && nodeEnv !== 'production' && nodeEnv !== 'test') {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const dataDir = path.resolve(env.VENTANILLA_DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const production = nodeEnv === 'production';
  if (production && !env.VENTANILLA_TRUST_DIR) {
    throw new ConfigError(
      'VENTANILLA_TRUST_DIR is required in production: the folder of trusted CA certificates and CRLs',
    );
  }
  if (production && !env.VENTANILLA_WINDOW_KEY) {
    throw new ConfigError(
      "VENTANILLA_WINDOW_KEY is required in production: the window's ES256 signing key (PKCS#8 PEM)",
    );
  }
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//i.test(smtpUrl)) {
    throw new ConfigError(
      'SMTP_URL must start with smtp:// or smtps://, e.g. smtps://user:password@smtp.example.org:465',
    );
  }
  const edocumentMaxBytes = int(env, 'EDOCUMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024);
  return {
    env: nodeEnv,
    host: env.HOST || '0.0.0.0',
    port: int(env, 'PORT', 8080, 0, 65535),
    dataDir,
    databaseUrl,
    trustDir: path.resolve(env.VENTANILLA_TRUST_DIR || path.join(dataDir, 'pki', 'trust')),
    windowKeyPath: path.resolve(env.VENTANILLA_WINDOW_KEY || path.join(dataDir, 'pki', 'window-key.pem')),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    sessionTtlMinutes: int(env, 'SESSION_TTL_MINUTES', 8 * 60),
    challengeTtlSeconds: int(env, 'CHALLENGE_TTL_SECONDS', 300),
    loginRateLimit: int(env, 'LOGIN_RATE_LIMIT', 30),
    verifyRateLimit: int(env, 'VERIFY_RATE_LIMIT', 60),
    demo: !production && env.VENTANILLA_DEMO !== 'false',
    mail: smtpUrl ? { smtpUrl, from: env.SMTP_FROM || 'Ventanilla <no-reply@ventanilla.local>' } : null,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT || 8080}`).replace(/\/+$/, ''),
    // At most 100 MiB: the PDF is parsed in memory to check it.
    edocumentMaxBytes,
    edocumentMaxInflatedBytes: int(env, 'EDOCUMENT_MAX_INFLATED_BYTES', 128 * 1024 * 1024, 1024, 2 ** 32),
    edocumentInspectionTimeoutMs: int(env, 'EDOCUMENT_INSPECTION_TIMEOUT_MS', 20_000, 100, 600_000),
    edocumentInspectionWorkers: int(env, 'EDOCUMENT_INSPECTION_WORKERS', 2, 1, 64),
    edocumentMaxPendingUploads: int(env, 'EDOCUMENT_MAX_PENDING_UPLOADS', 20, 1, 10_000),
    // At least one upload of the largest size must fit.
    edocumentMaxPendingBytes: int(
      env,
      'EDOCUMENT_MAX_PENDING_BYTES',
      10 * edocumentMaxBytes,
      edocumentMaxBytes,
      2 ** 40,
    ),
    trustProxy: trustProxy(env.TRUST_PROXY),
    docs: !production || env.VENTANILLA_DOCS === 'true',
  };
}
