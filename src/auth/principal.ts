/** Who is calling: the holder of a login session or of an API token, identified by an e.firma. */
export interface Principal {
  sessionId: string;
  kind: 'session' | 'api_token';
  rfc: string;
  curp: string | null;
  name: string | null;
  certificateFingerprint: string;
  scopes: Scope[];
}

/** read: every GET the identity may see; write: every change (signed actions, revocations). */
export const SCOPES = ['read', 'write'] as const;
export type Scope = (typeof SCOPES)[number];
