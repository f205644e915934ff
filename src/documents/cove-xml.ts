import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../errors.ts';

/**
 * COVEs in XML, for brokers' existing software. The shape resembles VUCEM's COVE; every element
 * maps to one field of the JSON COVE (cove-schemas.ts), and from there on JSON and XML are the same
 * thing: the window answers the JSON payload to sign either way.
 *
 *   <comprobante>                                   (a namespace prefix is allowed and ignored)
 *     <tipoOperacion>IMPORTACION</tipoOperacion>    operationType: IMPORTACION | EXPORTACION (also TOCE.IMP | TOCE.EXP)
 *     <numeroFacturaOriginal>F-1</…>                invoiceNumber
 *     <fechaExpedicion>2026-03-01</…>               invoiceDate (YYYY-MM-DD)
 *     <certificadoOrigen>1</…>                      certificateOfOrigin: 1 | 0 | true | false
 *     <numeroExportadorAutorizado>…</…>             authorizedExporterNumber (optional,
 *                                                   only with certificadoOrigen 1)
 *     <valorTotalFactura>1500.00</…>                invoiceTotal (optional)
 *     <observaciones>…</…>                          notes (optional)
 *     <motivoAdenda>…</…>                           reason (amendments only)
 *     <emisor> and <destinatario>                   issuer and recipient:
 *       <identificacion>RFC or foreign tax id</…>     taxId
 *       <nombre>…</nombre>                            name
 *       <domicilio>                                   address: calle street, numeroExterior, numeroInterior,
 *         <calle/> … <pais>US</pais>                  colonia neighbourhood, localidad city, municipio municipality,
 *       </domicilio>                                  entidadFederativa state, codigoPostal postalCode, pais country
 *                                                     (ISO 3166 alpha-2)
 *     <mercancias>                                  goods, one <mercancia> per line:
 *       <mercancia>
 *         <descripcionGenerica/> <cantidad/> <claveUnidadMedida/> <tipoMoneda/> description, quantity, unit, currency
 *         <valorUnitario/> <valorTotal/> <valorDolares/>                        unitValue, total, usdValue
 *         <descripcionesEspecificas><descripcionEspecifica>                     specifics (optional):
 *           <marca/> <modelo/> <subModelo/> <numeroSerie/>                      brand, model, subModel, serialNumber
 *         </descripcionEspecifica></descripcionesEspecificas>
 *       </mercancia>
 *     </mercancias>
 *     <rfcsConsulta><rfcConsulta>…</rfcConsulta></rfcsConsulta>                    consultRfcs (optional)
 *     <patentesAduanales><patenteAduanal>1234</patenteAduanal></patentesAduanales>  brokerPatents (optional)
 *   </comprobante>
 *
 * Empty elements count as absent. Attributes are ignored. Unknown or repeated elements are refused.
 *
 * Safety: the document is UTF-8, at most 1 MiB, 25,000 elements and 8 levels deep. Any DOCTYPE, ENTITY
 * or other markup declaration is refused before parsing (no DTD, so no entity expansion and no external
 * entities: billion laughs and XXE never reach the parser), and the parser itself runs with entity
 * processing off. Only the five predefined entities and character references are decoded, here.
 */
export const COVE_XML_EXAMPLE =
  `<comprobante>
  <tipoOperacion>IMPORTACION</tipoOperacion>
  <numeroFacturaOriginal>INV-2026-0042</numeroFacturaOriginal>
  <fechaExpedicion>2026-03-01</fechaExpedicion>
  <certificadoOrigen>0</certificadoOrigen>
  <emisor><identificacion>12-3456789</identificacion><nombre>Acme Corp.</nombre>
    <domicilio><calle>Main St 1</calle><localidad>Laredo</localidad><entidadFederativa>TX</entidadFederativa>` +
  `<codigoPostal>78040</codigoPostal><pais>US</pais></domicilio></emisor>
  <destinatario><identificacion>RFC of the importer</identificacion><nombre>…</nombre>
    <domicilio><calle>…</calle><municipio>…</municipio><entidadFederativa>…</entidadFederativa>` +
  `<codigoPostal>06000</codigoPostal><pais>MX</pais></domicilio></destinatario>
  <mercancias><mercancia><descripcionGenerica>Laptop</descripcionGenerica><cantidad>2</cantidad>` +
  `<claveUnidadMedida>C62</claveUnidadMedida>
    <tipoMoneda>USD</tipoMoneda><valorUnitario>750</valorUnitario><valorTotal>1500</valorTotal>` +
  `<valorDolares>1500</valorDolares>
    <descripcionesEspecificas><descripcionEspecifica><marca>X</marca><modelo>Y</modelo><numeroSerie>S1</numeroSerie>` +
  `</descripcionEspecifica></descripcionesEspecificas>
  </mercancia></mercancias>
  <rfcsConsulta><rfcConsulta>…</rfcConsulta></rfcsConsulta>
  <patentesAduanales><patenteAduanal>1234</patenteAduanal></patentesAduanales>
</comprobante>`;

export const XML_MEDIA_TYPES = ['application/xml', 'text/xml'];
export const COVE_XML_MAX_BYTES = 1024 * 1024;
const MAX_ELEMENTS = 25_000;
const MAX_DEPTH = 8;
const CDATA = '#cdata';
const LIST_ITEMS = new Set(['mercancia', 'rfcConsulta', 'patenteAduanal', 'descripcionEspecifica']);

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: CDATA,
  maxNestedTags: MAX_DEPTH,
  isArray: (name: string) => LIST_ITEMS.has(name),
});

const forbidden = (what: string) =>
  new AppError(
    'cove.xml_forbidden_construct',
    `The XML contains ${what}. DOCTYPE, ENTITY and other markup declarations are not accepted: ` +
      `send the plain <comprobante> document.`,
    400,
  );
const malformed = (detail: string, where?: { line?: number; col?: number }) =>
  new AppError(
    'cove.xml_malformed',
    `The XML is not well-formed` +
      `${where?.line ? ` (line ${where.line}${where.col ? `, column ${where.col}` : ''})` : ''}: ${detail}`,
    400,
    where?.line ? { line: where.line, column: where.col } : undefined,
  );
const structure = (path: string, detail: string) =>
  new AppError('cove.xml_invalid_structure', `${path}: ${detail}`, 400, { path });
const badValue = (path: string, detail: string) =>
  new AppError('cove.xml_invalid_value', `${path}: ${detail}`, 400, { path });

/** Refuses what must never reach a parser, then parses; returns the JSON COVE (not yet validated by the schema). */
export function coveFromXml(xml: string, contentType?: string): Record<string, unknown> {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  if (charset && !/^(utf-?8|us-ascii)$/i.test(charset)) {
    throw new AppError('cove.xml_encoding_unsupported', `Send the XML in UTF-8, not ${charset}.`, 400);
  }
  if (Buffer.byteLength(xml, 'utf8') > COVE_XML_MAX_BYTES) {
    throw new AppError('cove.xml_too_large', `The XML is larger than ${COVE_XML_MAX_BYTES} bytes.`, 413);
  }
  const doc = xml.replace(/^\uFEFF/, '');
  // Checked on the raw text, comments and CDATA included: a false alarm costs a resend, a miss costs the server.
  if (/<!\s*DOCTYPE/i.test(doc)) throw forbidden('a DOCTYPE declaration');
  if (/<!\s*ENTITY/i.test(doc)) throw forbidden('an ENTITY declaration');
  if (/<!(?!--|\[CDATA\[)/.test(doc)) throw forbidden('a markup declaration (<!…)');
  const declared = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(doc)?.[1];
  if (declared && !/^(utf-?8|us-ascii)$/i.test(declared)) {
    throw new AppError(
      'cove.xml_encoding_unsupported',
      `The XML declares encoding ${declared}: send it in UTF-8.`,
      400,
    );
  }
  // Start tags, counted on the raw text (so before any parsing work).
  let elements = 0;
  for (const _ of doc.matchAll(/<[A-Za-z_:]/g)) {
    if (++elements > MAX_ELEMENTS)
      throw new AppError('cove.xml_too_complex', `The XML has more than ${MAX_ELEMENTS} elements.`, 400);
  }
  const valid = XMLValidator.validate(doc);
  if (valid !== true) throw malformed(valid.err.msg, { line: valid.err.line, col: valid.err.col });
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(doc) as Record<string, unknown>;
  } catch (err) {
    const message = (err as Error).message;
    if (/nested tags/i.test(message)) {
      throw new AppError('cove.xml_too_complex', `The XML is nested more than ${MAX_DEPTH} levels deep.`, 400);
    }
    throw malformed(message);
  }
  const roots = Object.keys(parsed);
  if (roots.length !== 1 || roots[0] !== 'comprobante') {
    throw structure(`/${roots[0] ?? ''}`, 'the root element must be <comprobante>');
  }
  return comprobante(parsed.comprobante);
}

// Mapping: each function reads one element and returns its JSON counterpart.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The children of an element, refusing text, unknown names and repeated single elements. */
function children(value: unknown, path: string, allowed: readonly string[]): Obj {
  if (value === '' || value === undefined) return {};
  if (!isObj(value)) throw structure(path, 'expected child elements, found text');
  for (const [name, child] of Object.entries(value)) {
    if (name === CDATA || name === '#text') throw structure(path, 'expected child elements, found text');
    if (!allowed.includes(name))
      throw structure(`${path}/${name}`, `unexpected element; allowed here: ${allowed.join(', ')}`);
    if (Array.isArray(child) && !LIST_ITEMS.has(name)) throw structure(`${path}/${name}`, 'appears more than once');
  }
  return value;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the predefined entities and character references; any other reference is an undeclared entity. */
function decodeReferences(raw: string, path: string): string {
  return raw.replace(/&([^;&\s]*);?/g, (match, ref: string) => {
    if (!match.endsWith(';')) throw malformed(`${path}: "&" must be written &amp;`);
    if (ref in PREDEFINED) return PREDEFINED[ref]!;
    const code = /^#x[0-9A-Fa-f]{1,6}$/.test(ref)
      ? parseInt(ref.slice(2), 16)
      : /^#[0-9]{1,7}$/.test(ref)
        ? Number(ref.slice(1))
        : NaN;
    if (Number.isNaN(code)) throw malformed(`${path}: undeclared entity &${ref};`);
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) throw malformed(`${path}: &${ref}; is not a valid XML character`);
    return String.fromCodePoint(code);
  });
}

/** A leaf's text (CDATA kept verbatim); empty means absent. */
function leaf(value: unknown, at: string): string | undefined {
  if (value === undefined) return undefined;
  let result: string;
  if (typeof value === 'string') result = decodeReferences(value, at);
  else if (isObj(value) && Object.keys(value).length === 1 && CDATA in value) {
    const cdata = value[CDATA];
    result = (Array.isArray(cdata) ? cdata.join('') : String(cdata)).trim();
  } else throw structure(at, 'expected text, found child elements');
  return result === '' ? undefined : result;
}

const text = (node: Obj, name: string, path: string) => leaf(node[name], `${path}/${name}`);

function decimal(node: Obj, name: string, path: string): number | undefined {
  const value = text(node, name, path);
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,15}(\.[0-9]{1,10})?$/.test(value))
    throw badValue(`${path}/${name}`, `"${value}" is not a decimal number (digits, optional "." and decimals)`);
  return Number(value);
}

function flag(node: Obj, name: string, path: string): boolean | undefined {
  const value = text(node, name, path);
  if (value === undefined) return undefined;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw badValue(`${path}/${name}`, `"${value}" is not 1, 0, true or false`);
}

const OPERATION_TYPES: Record<string, string> = {
  IMPORTACION: 'import',
  'TOCE.IMP': 'import',
  EXPORTACION: 'export',
  'TOCE.EXP': 'export',
};

function operationType(node: Obj, path: string): string | undefined {
  const value = text(node, 'tipoOperacion', path);
  if (value === undefined) return undefined;
  const mapped = OPERATION_TYPES[value.toUpperCase().replace('Ó', 'O')];
  if (!mapped) throw badValue(`${path}/tipoOperacion`, `"${value}" is not IMPORTACION or EXPORTACION`);
  return mapped;
}

/** A list container (<mercancias>) of repeated items (<mercancia>). */
function list<T>(
  node: Obj,
  container: string,
  item: string,
  path: string,
  map: (v: unknown, at: string) => T,
): T[] | undefined {
  if (node[container] === undefined) return undefined;
  const items = children(node[container], `${path}/${container}`, [item])[item];
  if (items === undefined) return undefined;
  return (items as unknown[]).map((v, i) => map(v, `${path}/${container}/${item}[${i + 1}]`));
}

/** Keeps only the fields that are present, so an absent element is an absent field. */
const present = (o: Obj) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function address(value: unknown, path: string) {
  const fields = {
    calle: 'street',
    numeroExterior: 'exteriorNumber',
    numeroInterior: 'interiorNumber',
    colonia: 'neighbourhood',
    localidad: 'city',
    municipio: 'municipality',
    entidadFederativa: 'state',
    codigoPostal: 'postalCode',
    pais: 'country',
  } as const;
  const node = children(value, path, Object.keys(fields));
  return present(Object.fromEntries(Object.entries(fields).map(([xml, json]) => [json, text(node, xml, path)])));
}

function party(value: unknown, path: string) {
  if (value === undefined) return undefined;
  const node = children(value, path, ['identificacion', 'nombre', 'domicilio']);
  return present({
    taxId: text(node, 'identificacion', path),
    name: text(node, 'nombre', path),
    address: node.domicilio === undefined ? undefined : address(node.domicilio, `${path}/domicilio`),
  });
}

function goodsLine(value: unknown, path: string) {
  const node = children(value, path, [
    'descripcionGenerica',
    'cantidad',
    'claveUnidadMedida',
    'tipoMoneda',
    'valorUnitario',
    'valorTotal',
    'valorDolares',
    'descripcionesEspecificas',
  ]);
  return present({
    description: text(node, 'descripcionGenerica', path),
    quantity: decimal(node, 'cantidad', path),
    unit: text(node, 'claveUnidadMedida', path),
    currency: text(node, 'tipoMoneda', path),
    unitValue: decimal(node, 'valorUnitario', path),
    total: decimal(node, 'valorTotal', path),
    usdValue: decimal(node, 'valorDolares', path),
    specifics: list(node, 'descripcionesEspecificas', 'descripcionEspecifica', path, (v, at) => {
      const s = children(v, at, ['marca', 'modelo', 'subModelo', 'numeroSerie']);
      return present({
        brand: text(s, 'marca', at),
        model: text(s, 'modelo', at),
        subModel: text(s, 'subModelo', at),
        serialNumber: text(s, 'numeroSerie', at),
      });
    }),
  });
}

function comprobante(value: unknown): Record<string, unknown> {
  const path = '/comprobante';
  const node = children(value, path, [
    'tipoOperacion',
    'numeroFacturaOriginal',
    'fechaExpedicion',
    'certificadoOrigen',
    'numeroExportadorAutorizado',
    'valorTotalFactura',
    'observaciones',
    'motivoAdenda',
    'emisor',
    'destinatario',
    'mercancias',
    'rfcsConsulta',
    'patentesAduanales',
  ]);
  return present({
    operationType: operationType(node, path),
    invoiceNumber: text(node, 'numeroFacturaOriginal', path),
    invoiceDate: text(node, 'fechaExpedicion', path),
    certificateOfOrigin: flag(node, 'certificadoOrigen', path),
    authorizedExporterNumber: text(node, 'numeroExportadorAutorizado', path),
    invoiceTotal: decimal(node, 'valorTotalFactura', path),
    notes: text(node, 'observaciones', path),
    reason: text(node, 'motivoAdenda', path),
    issuer: party(node.emisor, `${path}/emisor`),
    recipient: party(node.destinatario, `${path}/destinatario`),
    goods: list(node, 'mercancias', 'mercancia', path, goodsLine),
    consultRfcs: list(node, 'rfcsConsulta', 'rfcConsulta', path, (v, at) => leaf(v, at) ?? ''),
    brokerPatents: list(node, 'patentesAduanales', 'patenteAduanal', path, (v, at) => leaf(v, at) ?? ''),
  });
}
