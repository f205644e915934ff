import type { Sql } from '../db/db.ts';
import { findCoveForCustoms } from '../documents/cove.ts';
import { findEdocumentForCustoms } from '../documents/edocuments.ts';
import type { Declaration } from './declaration-input.ts';
import type { Reason } from './declaration-rules.ts';

/** What a declaration needs to know of a COVE: whose it is, for which flow and brokers, and whether it was amended. */
export interface CoveFacts {
  number: string;
  traderRfc: string;
  flow: 'import' | 'export';
  /** The patents of the brokers the COVE names; empty when it names none. */
  brokerPatents: string[];
  /** The latest version of its chain: a declaration cites that one. */
  latestNumber: string;
}

/** What a declaration needs to know of an eDocument: whose it is. */
export interface EdocumentFacts {
  number: string;
  traderRfc: string;
}

/**
 * The COVE and eDocument registers as the declaration check sees them, kept behind this interface so the
 * check depends on what it needs, not on how those modules store their documents.
 */
export interface DeclarationDocuments {
  cove(db: Sql, number: string): Promise<CoveFacts | null>;
  edocument(db: Sql, number: string): Promise<EdocumentFacts | null>;
}

/** The window's own registers (documents/cove.ts, documents/edocuments.ts). */
export const windowDocuments: DeclarationDocuments = {
  async cove(db, number) {
    const cove = await findCoveForCustoms(db, number);
    return (
      cove && {
        number: cove.number,
        traderRfc: cove.traderRfc,
        flow: cove.operationType,
        brokerPatents: cove.brokerPatents,
        latestNumber: cove.latestNumber,
      }
    );
  },
  async edocument(db, number) {
    const doc = await findEdocumentForCustoms(db, number);
    return doc && { number: doc.number, traderRfc: doc.ownerRfc };
  },
};

/**
 * A reason for each COVE that does not exist, is another trader's or another flow's, does not name the
 * declaration's broker, or was amended since; and for each eDocument that does not exist or is another trader's.
 */
export async function checkDocuments(db: Sql, registers: DeclarationDocuments, decl: Declaration): Promise<Reason[]> {
  const reasons: Reason[] = [];
  for (const number of decl.coves) {
    const cove = await registers.cove(db, number);
    const reason = (code: Reason['code'], message: string) =>
      reasons.push({ code, line: null, document: number, message: `COVE ${number} ${message}` });
    if (!cove) {
      reason('cove_not_found', 'does not exist in this window.');
      continue;
    }
    if (cove.traderRfc !== decl.traderRfc)
      reason('cove_wrong_party', `is a value record of another trader, not ${decl.traderRfc}.`);
    if (cove.brokerPatents.length > 0 && !cove.brokerPatents.includes(decl.brokerPatent)) {
      reason('cove_wrong_party', `names brokers ${cove.brokerPatents.join(', ')}, not patent ${decl.brokerPatent}.`);
    }
    if (cove.flow !== decl.flow)
      reason('cove_wrong_flow', `records an ${cove.flow}, but this declaration is an ${decl.flow}.`);
    if (cove.latestNumber !== cove.number)
      reason('cove_superseded', `was amended: cite its latest version, ${cove.latestNumber}.`);
  }
  for (const number of decl.edocuments) {
    const doc = await registers.edocument(db, number);
    if (!doc)
      reasons.push({
        code: 'edocument_not_found',
        line: null,
        document: number,
        message: `eDocument ${number} does not exist in this window.`,
      });
    else if (doc.traderRfc !== decl.traderRfc) {
      reasons.push({
        code: 'edocument_wrong_party',
        line: null,
        document: number,
        message: `eDocument ${number} belongs to another trader, not ${decl.traderRfc}.`,
      });
    }
  }
  return reasons;
}
