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
  'broker_patent.recorded': 'An ANAM administrator recorded a customs broker patent in the patents registry',
  'broker_patent.status_changed': 'An ANAM administrator suspended, cancelled or reactivated a broker patent',
  'delegation.granted': 'A trader delegated filing rights to a broker (encargo conferido)',
  'delegation.revoked': 'A trader revoked a delegation',
  'officer.registered': 'An agency administrator registered an officer bound to a certificate',
  'officer.deactivated': 'An agency administrator deactivated an officer',
  'registry.seeded': 'Reference data (agencies, offices) was loaded or updated',
  'operation.draft_saved': 'An operation draft was created or changed (a new version)',
  'operation.submitted': 'An operation was signed and submitted: one acknowledgement, one application per procedure',
  'application.submitted': 'An application was filed with an agency as part of a single submission',
  'application.assign': 'An application was assigned to an officer',
  'application.start_review': 'An officer started reviewing an application',
  'application.request_information': 'An officer asked the applicant for information (the legal clock stopped)',
  'application.answer': 'The applicant answered an information request (the clock resumed)',
  'application.resume_review': 'An officer resumed the review after an answer',
  'application.propose_approval': 'A reviewer proposed approval (four eyes)',
  'application.propose_rejection': 'A reviewer proposed rejection (four eyes)',
  'application.return_proposal': 'A resolver returned a proposal to review',
  'application.approve': 'An officer approved an application with a signed resolution',
  'application.reject': 'An officer rejected an application with a signed resolution',
  'application.withdraw': 'The applicant withdrew an application',
  'application.auto_approve': 'An application was approved automatically (complete automatic notice)',
  'application.silence_approve': 'An application was approved by legal silence (afirmativa ficta)',
  'application.silence_deny': 'An application was denied by legal silence (negativa ficta)',
  'application.comment': 'An officer commented (internal) or messaged the applicant',
  'permit.issued': 'A permit was issued for an approved application',
  'permit.revoked': 'An agency revoked a permit with a signed reason',
  'cove.filed': "An invoice's value record (COVE) was filed by a signed request",
  'cove.amended': 'A COVE was amended (adenda) by a signed request: a new version linked to the one it amends',
  'quota.created': 'An SE officer defined a quota (cupo) by a signed request',
  'quota.assigned': "An SE officer set a trader's amount of an assignment quota by a signed request",
  'quota.allocated': 'A quota certificate being issued was charged to its quota',
  'customs.declaration_accepted':
    'A customs declaration (pedimento) was validated and accepted: its permit balances were drawn down',
  'customs.declaration_refused': 'A customs declaration was refused, with every reason; nothing was drawn',
  'customs.declaration_cancelled':
    'A customs officer cancelled a declaration with a signed reason: its draws were given back',
  'edocument.created': 'A digitised supporting document (PDF) was signed by its uploader and stored as an eDocument',
} as const;

export type AuditEventType = keyof typeof AUDIT_EVENTS;
