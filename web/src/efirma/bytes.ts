/** DER as given, or the first PEM block with one of `labels` decoded; null when neither. */
export function derOrPem(file: ArrayBuffer, labels: string[]): Uint8Array | null {
  const bytes = new Uint8Array(file);
  // DER always starts with a SEQUENCE tag; PEM is text ("-----BEGIN").
  if (bytes[0] === 0x30) return bytes;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  for (const label of labels) {
    const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(text);
    if (match) return base64ToBytes(match[1]!.replace(/\s+/g, ''));
  }
  return null;
}

export function base64ToBytes(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A copy that owns exactly its bytes: WebCrypto takes an ArrayBuffer view, asn1js a whole buffer. */
export const exact = (view: Uint8Array): ArrayBuffer => view.slice().buffer as ArrayBuffer;
