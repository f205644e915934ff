/**
 * The few ASN.1 shapes the e.firma files need, read with asn1js alone: pkijs would add ~80 kB gzipped to the
 * page (it does not tree-shake) for two structures. Each reader throws Shape on anything unexpected.
 */
import * as asn1js from 'asn1js';
import { exact } from './bytes.ts';

export class Shape extends Error {}

export type Node = asn1js.AsnType;

export function parseDer(der: Uint8Array): Node {
  const { offset, result } = asn1js.fromBER(exact(der));
  if (offset === -1 || result.error) throw new Shape(result.error || 'not DER');
  return result;
}

/** The elements of a SEQUENCE (or SET), at least `min` of them. */
export function items(node: Node | undefined, what: string, min = 0): Node[] {
  if (!(node instanceof asn1js.Sequence || node instanceof asn1js.Set) || node.valueBlock.value.length < min) {
    throw new Shape(`${what} is not a SEQUENCE of ${min} or more`);
  }
  return node.valueBlock.value;
}

export function oid(node: Node | undefined, what: string): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) throw new Shape(`${what} is not an OBJECT IDENTIFIER`);
  return node.getValue();
}

export function octets(node: Node | undefined, what: string): Uint8Array {
  if (!(node instanceof asn1js.OctetString) || node.valueBlock.isConstructed) {
    throw new Shape(`${what} is not an OCTET STRING`);
  }
  return node.valueBlock.valueHexView;
}

export function integerBytes(node: Node | undefined, what: string): Uint8Array {
  if (!(node instanceof asn1js.Integer)) throw new Shape(`${what} is not an INTEGER`);
  return node.valueBlock.valueHexView;
}

/** A small non-negative INTEGER (a version, an iteration count). */
export function smallInteger(node: Node | undefined, what: string): number {
  const bytes = integerBytes(node, what);
  if (bytes.length > 4 || (bytes[0] ?? 0) & 0x80) throw new Shape(`${what} is out of range`);
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

export function time(node: Node | undefined, what: string): Date {
  // GeneralizedTime extends UTCTime in asn1js.
  if (!(node instanceof asn1js.UTCTime)) throw new Shape(`${what} is not a time`);
  return node.toDate();
}

export function text(node: Node | undefined): string | null {
  return node instanceof asn1js.BaseStringBlock ? node.getValue() : null;
}

export const isContextTag = (node: Node | undefined, tag: number) =>
  node?.idBlock.tagClass === 3 && node.idBlock.tagNumber === tag;

/** The exact bytes a node was decoded from (a SubjectPublicKeyInfo for importKey). */
export const encoded = (node: Node): Uint8Array => node.valueBeforeDecodeView;
