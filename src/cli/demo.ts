import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.ts';
import { issueEfirma, loadDevPki, openEfirma, writeEfirma, type Signer } from '../pki/index.ts';
import { grantDelegation } from '../registry/delegations.ts';
import { registerBroker } from '../registry/brokers.ts';
import { withCurpCheckDigit as curp, withRfcCheckDigit as rfc } from '../registry/identifiers.ts';
import { registerOfficer } from '../registry/officers.ts';
import { recordPatent } from '../registry/patents.ts';
import type { OfficerRole } from '../registry/schemas.ts';
import { registerTrader, traderByRfc } from '../registry/traders.ts';
import { seedDemoHistory } from './demo-history.ts';
import { seedDemoOperations } from './demo-operations.ts';
import { actSigned, DEMO_TRADER_RFC } from './demo-signing.ts';

// demo-operations.ts uses these too: they live below both files, so the two do not import each other.
export { actSigned, DEMO_TRADER_RFC };

export const DEMO_PASSWORD = 'demo1234';

interface DemoPerson {
  key: string;
  name: string;
  rfc: string;
  curp: string;
  who: string;
  officer?: { agency: string; office?: string; roles: OfficerRole[] };
}

const DEMO_TRADER_NAME = 'Importadora Demo del Norte, S.A. de C.V.';
/** The patent ANAM granted the demo broker, recorded in the patents registry before he registers. */
export const DEMO_BROKER_PATENT = '3170';

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    key: 'legal-rep',
    name: 'Ana García López',
    rfc: rfc('GALA800101AB'),
    curp: curp('GALA800101MDFRPN0'),
    who: `legal representative of Importadora Demo del Norte (${DEMO_TRADER_RFC})`,
  },
  {
    key: 'broker',
    name: 'Carlos Pérez Ruiz',
    rfc: rfc('PERC750505CD'),
    curp: curp('PERC750505HNLRZR0'),
    who: `customs broker, patent ${DEMO_BROKER_PATENT}, acting for the demo trader`,
  },
  {
    key: 'se-admin',
    name: 'Lucía Hernández Mora',
    rfc: rfc('HEML850202EF'),
    curp: curp('HEML850202MDFRRC0'),
    who: 'Ministry of Economy administrator and supervisor',
    officer: { agency: 'SE', roles: ['administrator', 'supervisor'] },
  },
  {
    key: 'se-reviewer',
    name: 'Jorge Ramírez Soto',
    rfc: rfc('RASJ900303GH'),
    curp: curp('RASJ900303HNLMTR0'),
    who: 'Ministry of Economy reviewer and resolver, Monterrey office',
    officer: { agency: 'SE', office: 'SE-NL-MTY', roles: ['reviewer', 'resolver'] },
  },
  {
    key: 'sedena-resolver',
    name: 'Marta Díaz Vega',
    rfc: rfc('DIVM820404JK'),
    curp: curp('DIVM820404MDFZGR0'),
    who: 'Defence (SEDENA) reviewer and resolver',
    officer: { agency: 'SEDENA', roles: ['reviewer', 'resolver', 'administrator'] },
  },
  {
    key: 'cofepris-reviewer',
    name: 'Pedro Luna Castro',
    rfc: rfc('LUCP870606LM'),
    curp: curp('LUCP870606HJCNSD0'),
    who: 'Health (COFEPRIS) reviewer and resolver',
    officer: { agency: 'COFEPRIS', roles: ['reviewer', 'resolver', 'administrator'] },
  },
  {
    key: 'customs-officer',
    name: 'Sofía Torres Gil',
    rfc: rfc('TOGS910707NP'),
    curp: curp('TOGS910707MTSRLF0'),
    who: 'Customs officer (ANAM), Nuevo Laredo',
    officer: { agency: 'ANAM', office: 'ANAM-TAMPS-NLD', roles: ['customs_officer'] },
  },
];

const DEMO_COMPANY_WHO =
  "the company's own e.firma (names Ana García López as legal representative): registers the " +
  'company, changes its representative';

/**
 * Demo data for a laptop: e.firma files for a company, its legal representative, a broker and officers
 * of several agencies, a registered trader, a recorded patent and its broker, and a delegation. Idempotent.
 */
export async function seedDemo(ctx: Context): Promise<{ created: boolean; efirmaDir: string; people: DemoPerson[] }> {
  const efirmaDir = path.join(ctx.config.dataDir, 'demo-efirma');
  const already = await traderByRfc(ctx.db, DEMO_TRADER_RFC);
  if (already) return { created: false, efirmaDir, people: DEMO_PEOPLE };

  const pki = await loadDevPki(path.join(ctx.config.dataDir, 'pki'));
  const signers = new Map<string, Signer>();
  for (const p of DEMO_PEOPLE) {
    const efirma = await issueEfirma(pki, {
      rfc: p.rfc,
      curp: p.curp,
      name: p.name,
      password: DEMO_PASSWORD,
      role: p.officer ? 'officer' : undefined,
    });
    await writeEfirma(efirmaDir, p.rfc, efirma);
    signers.set(p.key, openEfirma({ cer: efirma.cer, key: efirma.key, password: DEMO_PASSWORD }));
  }
  const rep = DEMO_PEOPLE[0]!;
  // A SAT company certificate: the company's RFC and its legal representative's ("RFC / RFC_REP", " / CURP_REP").
  const companyEfirma = await issueEfirma(pki, {
    rfc: `${DEMO_TRADER_RFC} / ${rep.rfc}`,
    curp: ` / ${rep.curp}`,
    name: DEMO_TRADER_NAME,
    password: DEMO_PASSWORD,
  });
  await writeEfirma(efirmaDir, DEMO_TRADER_RFC, companyEfirma);
  const company = openEfirma({ cer: companyEfirma.cer, key: companyEfirma.key, password: DEMO_PASSWORD });
  const contact = { name: rep.name, email: 'comercio@demo-norte.example', phone: '+52 81 5555 0101' };
  const traderProfile = {
    rfc: DEMO_TRADER_RFC,
    legalName: DEMO_TRADER_NAME,
    taxAddress: {
      street: 'Av. Constitución',
      exteriorNumber: '1500',
      neighbourhood: 'Centro',
      municipality: 'Monterrey',
      state: 'NL',
      postalCode: '64000',
      country: 'MX' as const,
    },
    economicActivity: 'Comercio al por mayor de maquinaria y equipo',
    contacts: [contact],
    programmes: { immex: 'IMMEX-2015-0042' },
    legalRepresentative: { rfc: rep.rfc, curp: rep.curp, name: rep.name },
  };
  // The company registers itself with its own e.firma; that signature proves whom it names as representative.
  await actSigned(ctx, company, 'trader.register', {}, traderProfile, (tx, s) =>
    registerTrader(tx, { input: traderProfile, signer: s.signer, signatureId: s.signatureId }),
  );
  const broker = DEMO_PEOPLE[1]!;
  // ANAM's patents registry is bootstrapped by the system, like the first officers.
  await ctx.db.transaction((tx) =>
    recordPatent(tx, {
      input: {
        patent: DEMO_BROKER_PATENT,
        holderRfc: broker.rfc,
        holderCurp: broker.curp,
        holderName: broker.name,
        grantedOn: '2004-03-15',
      },
      actorRfc: null,
      signatureId: null,
    }),
  );
  const brokerProfile = {
    rfc: broker.rfc,
    curp: broker.curp,
    patent: DEMO_BROKER_PATENT,
    name: broker.name,
    customsOffices: ['ANAM-TAMPS-NLD', 'ANAM-COL-MAN'],
    contacts: [{ name: broker.name, email: 'despacho@perez-aduanas.example', phone: '+52 867 555 0202' }],
  };
  await actSigned(ctx, signers.get('broker')!, 'broker.register', {}, brokerProfile, (tx, s) =>
    registerBroker(tx, { input: brokerProfile, signer: s.signer, signatureId: s.signatureId }),
  );
  await actSigned(
    ctx,
    signers.get('legal-rep')!,
    'delegation.grant',
    { rfc: DEMO_TRADER_RFC },
    { brokerPatent: DEMO_BROKER_PATENT },
    (tx, s) =>
      grantDelegation(tx, {
        traderRfc: DEMO_TRADER_RFC,
        brokerPatent: DEMO_BROKER_PATENT,
        signerRfc: s.signer.rfc,
        signatureId: s.signatureId,
      }),
  );
  // Officers are bootstrapped by the system (no administrator exists yet to sign for them).
  for (const p of DEMO_PEOPLE.filter((x) => x.officer)) {
    const o = p.officer!;
    await ctx.db.transaction((tx) =>
      registerOfficer(tx, {
        agency: o.agency,
        actorRfc: null,
        signatureId: null,
        input: {
          rfc: p.rfc,
          curp: p.curp,
          name: p.name,
          roles: o.roles,
          officeCode: o.office,
          certificate: signers.get(p.key)!.certificate.der.toString('base64'),
        },
      }),
    );
  }
  await seedDemoOperations(ctx, signers, DEMO_BROKER_PATENT);
  await seedDemoHistory(ctx, { quotaAdmin: signers.get('se-admin')! });
  fs.writeFileSync(path.join(efirmaDir, 'README.txt'), demoSummary(efirmaDir));
  return { created: true, efirmaDir, people: DEMO_PEOPLE };
}

export function demoSummary(efirmaDir: string): string {
  return [
    `Demo e.firma files (password for every .key: ${DEMO_PASSWORD}) in ${efirmaDir}:`,
    `  ${DEMO_TRADER_RFC}.cer / ${DEMO_TRADER_RFC}.key  ${DEMO_TRADER_NAME}: ${DEMO_COMPANY_WHO}`,
    ...DEMO_PEOPLE.map((p) => `  ${p.rfc}.cer / ${p.rfc}.key  ${p.name}: ${p.who}`),
    '',
  ].join('\n');
}
