import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { EfirmaKeyUsage } from '../pki/index.ts';
import { AppError } from '../errors.ts';

// Commands import what they need when they run: `sign` and `pki` should not pay for the server's start-up.
const pkiModule = () => import('../pki/index.ts');

const HELP =
  `ventanilla: the national trade single window

Usage: ventanilla <command> [options]

  serve                          start the API (PORT, HOST, DATABASE_URL, VENTANILLA_DATA_DIR)
  migrate                        apply pending database migrations and exit
  demo                           create demo traders, officers and e.firma files (development)
  pki init [--dir D]             create a dev root CA, an issuing CA and a trust folder (default: DATA_DIR/pki)
  pki issue --rfc R --name N --password P --out DIR [--curp C] [--role ROLE]
            [--valid-from ISO] [--valid-to ISO] [--key-type rsa|ec]
            [--key-usage digitalSignature,nonRepudiation,...] [--dir D]
                                 issue SAT-style e.firma files DIR/R.cer (DER) and DIR/R.key (encrypted PKCS#8)
  pki revoke --cert FILE [--reason TEXT] [--dir D]
                                 revoke a certificate: the CRL in the trust folder is rewritten, ` +
  `a running server uses it at once
  sign --cer F --key F --password P [--audience URL] FILE.json
                                 print the signature envelope over FILE.json's RFC 8785 canonical form; with --audience,
                                 refuse a payload issued by any other window than URL (a relayed request)
  officer add --agency CODE --cer F --curp C --name N --roles r1,r2 [--office CODE] [--email E]
                                 bootstrap an officer bound to a certificate (e.g. an agency's first administrator)
  patent add --patent NNNN --rfc R --curp C --name N --granted-on YYYY-MM-DD
                                 record a customs broker patent in ANAM's registry ` +
  `(otherwise an ANAM administrator's signed action)
  audit verify                   verify the hash-chained audit log
  verify-permit TOKEN|LINK --keys FILE.json [--token-file F] [--at ISO] [--json]
                                 verify a permit's QR token offline, with only the window's published keys

Every command takes --help.`;

type Args = ReturnType<typeof parseArgs>['values'];

function need(values: Args, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

class UsageError extends Error {}

const pkiDir = (values: Args) =>
  typeof values.dir === 'string' ? path.resolve(values.dir) : path.join(loadConfig().dataDir, 'pki');

function isoDate(values: Args, name: string): Date | undefined {
  const v = values[name];
  if (typeof v !== 'string') return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--${name} must be an ISO date, got "${v}"`);
  return d;
}

async function serve() {
  // The README's two commands do all the set-up: the portal is built here when missing or older than web/.
  const { ensurePortalBuilt } = await import('../http/portal-build.ts');
  if (await ensurePortalBuilt()) process.stdout.write('Built the web portal (web/dist)\n');
  const { openContext, startServer } = await import('../app.ts');
  const { seedDemo, demoSummary } = await import('./demo.ts');
  const ctx = await openContext(loadConfig());
  const demo = ctx.config.demo ? await seedDemo(ctx) : null;
  const app = await startServer(ctx);
  const { port } = app.server.address() as AddressInfo;
  const address = `http://${ctx.config.host === '0.0.0.0' ? 'localhost' : ctx.config.host}:${port}`;
  const lines = [
    `Ventanilla is serving on ${address} ` +
      `(database: ${ctx.db.backend === 'pglite' ? `embedded, ${ctx.config.dataDir}` : 'PostgreSQL'})`,
    `  ${ctx.config.docs ? `API docs: ${address}/docs   ` : ''}OpenAPI: ${address}/openapi.json   ` +
      `keys: ${address}/.well-known/ventanilla-keys.json`,
    ...(demo ? [demoSummary(demo.efirmaDir)] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise(() => {});
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const { openDb } = await import('../db/db.ts');
  const { migrate } = await import('../db/migrate.ts');
  const config = loadConfig();
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  serve: async () => serve(),
  migrate: async () => {
    const { migrate } = await import('../db/migrate.ts');
    const { applied } = await withDb(migrate);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  },
  demo: async () => {
    const { openContext } = await import('../app.ts');
    const { seedDemo, demoSummary } = await import('./demo.ts');
    const ctx = await openContext(loadConfig());
    try {
      const demo = await seedDemo(ctx);
      console.log(demo.created ? 'demo data created' : 'demo data already present');
      console.log(demoSummary(demo.efirmaDir));
    } finally {
      await ctx.db.close();
    }
  },
  'pki init': async (argv) => {
    const { values } = parseArgs({ args: argv, options: { dir: { type: 'string' } } });
    const { initDevPki } = await pkiModule();
    const pki = await initDevPki(pkiDir(values));
    console.log(`dev CA ready in ${pki.dir}; trust folder ${pki.trustDir}`);
  },
  'pki issue': async (argv) => {
    const { values } = parseArgs({
      args: argv,
      options: {
        rfc: { type: 'string' },
        curp: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        password: { type: 'string' },
        out: { type: 'string' },
        'valid-from': { type: 'string' },
        'valid-to': { type: 'string' },
        'key-type': { type: 'string' },
        'key-usage': { type: 'string' },
        dir: { type: 'string' },
      },
    });
    const keyType = values['key-type'] ?? 'rsa';
    if (keyType !== 'rsa' && keyType !== 'ec') throw new UsageError('--key-type must be rsa or ec');
    const rfc = need(values, 'rfc').toUpperCase();
    const opts = {
      rfc,
      curp: values.curp?.toUpperCase(),
      name: need(values, 'name'),
      role: values.role,
      password: need(values, 'password'),
      validFrom: isoDate(values, 'valid-from'),
      validTo: isoDate(values, 'valid-to'),
      keyType,
      keyUsage: values['key-usage']?.split(',').map((s) => s.trim()) as EfirmaKeyUsage[] | undefined,
    } as const;
    const out = path.resolve(need(values, 'out'));
    const { issueEfirma, loadDevPki, writeEfirma } = await pkiModule();
    const efirma = await issueEfirma(await loadDevPki(pkiDir(values)), opts);
    // A SAT company certificate holds "COMPANY_RFC / REP_RFC": its files are named after the company.
    const files = await writeEfirma(out, rfc.split('/')[0]!.trim(), efirma);
    console.log(JSON.stringify({ ...files, serialNumber: efirma.serialNumber }));
  },
  'pki revoke': async (argv) => {
    const { values } = parseArgs({
      args: argv,
      options: { cert: { type: 'string' }, reason: { type: 'string' }, dir: { type: 'string' } },
    });
    const { loadDevPki, revokeCertificate } = await pkiModule();
    const pki = await loadDevPki(pkiDir(values));
    const revoked = await revokeCertificate(pki, fs.readFileSync(need(values, 'cert')), values.reason);
    console.log(`revoked ${revoked.serialNumber} at ${revoked.revokedAt.toISOString()}`);
  },
  sign: async (argv) => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        cer: { type: 'string' },
        key: { type: 'string' },
        password: { type: 'string' },
        audience: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE.json to sign');
    let payload: unknown;
    try {
      payload = JSON.parse(fs.readFileSync(positionals[0]!, 'utf8'));
    } catch (err) {
      throw new UsageError(`${positionals[0]} is not a JSON file: ${(err as Error).message}`);
    }
    if (!payload || typeof payload !== 'object' || Array.isArray(payload))
      throw new UsageError('the payload must be a JSON object');
    // A payload names the window that issued it: a site that hands you another window's payload is relaying it.
    const site = (url: unknown) => (typeof url === 'string' ? url.replace(/\/+$/, '') : null);
    const audience = site((payload as { audience?: unknown }).audience);
    if (values.audience !== undefined && audience !== site(values.audience)) {
      throw new AppError(
        'signature.wrong_audience',
        `this payload was issued by ${audience ?? 'no named window'}, not ${site(values.audience)}: ` +
          "not signed (a site that hands you another window's payload may be relaying it to act in your name)",
        422,
      );
    }
    console.error(
      `signing a payload issued by ${audience ?? 'no named window'}` +
        `${values.audience === undefined ? ' (pass --audience URL to refuse any other)' : ''}`,
    );
    const { readEfirmaFiles, signPayload } = await pkiModule();
    const signer = await readEfirmaFiles(need(values, 'cer'), need(values, 'key'), need(values, 'password'));
    console.log(JSON.stringify(signPayload(payload, signer), null, 2));
  },
  'officer add': async (argv) => {
    const { values } = parseArgs({
      args: argv,
      options: {
        agency: { type: 'string' },
        cer: { type: 'string' },
        curp: { type: 'string' },
        name: { type: 'string' },
        roles: { type: 'string' },
        office: { type: 'string' },
        email: { type: 'string' },
      },
    });
    const { OFFICER_ROLES } = await import('../registry/schemas.ts');
    const { registerOfficer } = await import('../registry/officers.ts');
    const roles = need(values, 'roles')
      .split(',')
      .map((r) => r.trim());
    const bad = roles.filter((r) => !(OFFICER_ROLES as readonly string[]).includes(r));
    if (bad.length) throw new UsageError(`unknown roles ${bad.join(', ')}; known: ${OFFICER_ROLES.join(', ')}`);
    const certificate = fs.readFileSync(need(values, 'cer'));
    const { parseCertificate } = await import('../pki/certificate.ts');
    const officer = await withDb((db) =>
      db.transaction((tx) =>
        registerOfficer(tx, {
          agency: need(values, 'agency'),
          actorRfc: null,
          signatureId: null,
          input: {
            rfc: parseCertificate(certificate).rfc ?? '',
            curp: need(values, 'curp'),
            name: need(values, 'name'),
            roles: roles as (typeof OFFICER_ROLES)[number][],
            officeCode: values.office,
            email: values.email,
            certificate: certificate.toString('base64'),
          },
        }),
      ),
    );
    console.log(JSON.stringify(officer));
  },
  'patent add': async (argv) => {
    const { values } = parseArgs({
      args: argv,
      options: {
        patent: { type: 'string' },
        rfc: { type: 'string' },
        curp: { type: 'string' },
        name: { type: 'string' },
        'granted-on': { type: 'string' },
      },
    });
    const patent = need(values, 'patent');
    if (!/^[0-9]{4}$/.test(patent)) throw new UsageError('--patent must be 4 digits');
    const grantedOn = need(values, 'granted-on');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(grantedOn) || Number.isNaN(Date.parse(grantedOn)))
      throw new UsageError('--granted-on must be a date YYYY-MM-DD');
    const { recordPatent } = await import('../registry/patents.ts');
    const input = {
      patent,
      holderRfc: need(values, 'rfc'),
      holderCurp: need(values, 'curp'),
      holderName: need(values, 'name'),
      grantedOn,
    };
    console.log(
      JSON.stringify(
        await withDb((db) => db.transaction((tx) => recordPatent(tx, { input, actorRfc: null, signatureId: null }))),
      ),
    );
  },
  'verify-permit': async (argv) => {
    const { verifyPermitTokenCli } = await import('../permits/token.ts');
    process.exitCode = await verifyPermitTokenCli(argv);
  },
  'audit verify': async () => {
    const { verifyAudit } = await import('../audit/log.ts');
    const result = await withDb(verifyAudit);
    console.log(JSON.stringify(result));
    if (!result.ok) process.exitCode = 1;
  },
};

export async function main(argv: string[]): Promise<number> {
  const two = argv.slice(0, 2).join(' ');
  const [name, rest] = COMMANDS[two] ? [two, argv.slice(2)] : [argv[0] ?? '', argv.slice(1)];
  const command = COMMANDS[name];
  if (!command || rest.includes('--help') || rest.includes('-h')) {
    console.log(HELP);
    return command || name === '' || name === '--help' || name === 'help' ? 0 : 2;
  }
  try {
    await command(rest);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (
      err instanceof UsageError ||
      err instanceof ConfigError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`ventanilla ${name}: ${(err as Error).message}\n(see ventanilla ${name} --help)`);
      return 2;
    }
    if (err instanceof AppError) {
      console.error(`ventanilla ${name}: ${err.message} [${err.code}]`);
      return 1;
    }
    throw err;
  }
}
