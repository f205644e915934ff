/**
 * The window's import rules, checked by `npm run deps` (part of `npm test`): no cycles, and the flows depend
 * downward only (submit and review -> permit -> customs). A lower flow reaches a higher one through the hooks
 * registered in src/app.ts (wireFlows), never by importing it.
 */
const FLOWS = '^src/(applications|permits|customs)/';
const BELOW_FLOWS = '^src/(calendar|catalog|registry|documents|audit|pki|db|pdf|jobs|notifications|auth)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle ties modules into one: break it by moving the shared part down or by a hook.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'applications-below-permits-and-customs',
      severity: 'error',
      comment: 'Submission and review come before the permit and customs: approval issues the permit through the approval hook.',
      from: { path: '^src/applications/' },
      to: { path: '^src/(permits|customs)/' },
    },
    {
      name: 'permits-below-customs',
      severity: 'error',
      comment: 'Customs draws on permits, not the other way: quota charging is a permit-issued hook registered by customs.',
      from: { path: '^src/permits/' },
      to: { path: '^src/customs/' },
    },
    {
      name: 'foundations-below-flows',
      severity: 'error',
      comment: 'The calendar, catalogue, registry, documents, audit, PKI, database, PDF, jobs, notifications and auth serve every flow and know none.',
      from: { path: BELOW_FLOWS },
      to: { path: FLOWS },
    },
    {
      name: 'audit-below-auth-and-registry',
      severity: 'error',
      comment:
        'Every state change is audited, logins and registry writes too: the audit log knows neither who logs in nor the registry.',
      from: { path: '^src/audit/' },
      to: { path: '^src/(auth|registry)/' },
    },
    {
      name: 'auth-below-registry',
      severity: 'error',
      comment:
        'auth knows a certificate and a session, the registry who that is (GET /me is a registry route): registry uses auth, not back.',
      from: { path: '^src/auth/' },
      to: { path: '^src/registry/' },
    },
    {
      name: 'routes-only-from-the-server',
      severity: 'error',
      comment: 'Route modules are the HTTP edge: only the composition root (src/server.ts) registers them (http/server.ts its own).',
      from: { pathNot: '^src/(http/)?server\\.ts$' },
      to: { path: '^src/.*(/routes|-routes)\\.ts$' },
    },
    {
      name: 'http-below-domains',
      severity: 'error',
      comment:
        'http/ is the shared HTTP machinery every route module uses, so it imports no domain: the composition root ' +
        '(src/server.ts) registers the routes. It stands on auth (sessions, challenges) and pki (signatures) only.',
      from: { path: '^src/http/' },
      to: { path: '^src/(?!(http|auth|pki|db)/)[^/]+/|^src/(app|server)\\.ts$' },
    },
    {
      name: 'src-not-to-tests',
      severity: 'error',
      comment: 'The window never depends on its tests, benchmarks or scripts.',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type from a higher flow is still a dependency on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
