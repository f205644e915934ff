/**
 * The token in what a QR scanner, a phone or a person gives: the verification link printed on the permit
 * (`…/verificar#<token>`), the old link with `?token=<token>`, or the bare token. One rule for the portal's
 * /verificar (web/src/public/scan.ts re-exports it) and `ventanilla verify-permit`, so they read the same text
 * alike. Pure and free of imports: the portal bundles it.
 */
export function tokenOfScan(scanned: string): string {
  const text = scanned.trim();
  const hash = text.lastIndexOf('#');
  if (hash >= 0) return decoded(text.slice(hash + 1));
  const query = /[?&]token=([^&]*)/.exec(text);
  if (query) return decoded(query[1]!.replace(/\+/g, ' '));
  return text;
}

/** Some scanners percent-encode what they read; a token never holds a '%', so decoding cannot change a good one. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part).trim();
  } catch {
    return part.trim();
  }
}
