import type { SignatureAlgorithm } from './certificate.ts';

/** What the window's signed routes take, next to the challengeId. */
export interface SignatureEnvelope {
  certificate: string;
  algorithm: SignatureAlgorithm;
  signature: string;
}

export interface Efirma {
  certificateBase64: string;
  rfc: string;
  name: string;
  notBefore: Date;
  notAfter: Date;
  serialNumber: string;
  /** The signed envelope the window expects for a signing payload it returned (what `ventanilla sign` prints). */
  sign(payload: unknown): Promise<unknown>;
  /** Forgets the key (sign-out, idle). */
  forget(): void;
}
