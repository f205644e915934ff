/**
 * For a test that can only fail on PostgreSQL (a race, several processes on one database): PGlite has one
 * connection and runs one transaction at a time, so there it would pass without testing anything. Pass as the
 * options of its describe or test, whose name ends "(PostgreSQL)"; it runs in the PostgreSQL pass
 * (`scripts/with-postgres.sh npm test`, which sets TEST_DATABASE_URL).
 */
export const postgresOnly: { skip: string | false } = {
  skip: process.env.TEST_DATABASE_URL ? false : 'needs PostgreSQL: PGlite runs one transaction at a time',
};
