/**
 * Every kind of audit event, in one place. Adding a state change means adding its event here;
 * the type system then refuses an event that is not catalogued.
 */
export const AUDIT_EVENTS = {
  'auth.login': 'A person logged in with an e.firma',
  'auth.logout': 'A session was ended by its holder',
  'auth.api_token_created': 'An API token was created by a signed request',
  'auth.api_token_revoked': 'An API token was revoked',
  'trader.registered': 'A trader was registered by a signed request',
  'trader.profile_updated': "A trader's profile was changed by a signed request (new version)",
  'broker.registered': 'A customs broker was registered by a signed request',
  'broker.profile_updated': "A broker's profile was changed by a signed request (new version)",
  'delegation.granted': 'A trader delegated filing rights to a broker (encargo conferido)',
  'delegation.revoked': 'A trader revoked a delegation',
  'officer.registered': 'An agency administrator registered an officer bound to a certificate',
  'officer.deactivated': 'An agency administrator deactivated an officer',
  'registry.seeded': 'Reference data (agencies, offices) was loaded or updated',
} as const;

export type AuditEventType = keyof typeof AUDIT_EVENTS;
