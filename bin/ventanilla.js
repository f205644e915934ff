#!/usr/bin/env node
// The `ventanilla` command. TypeScript runs through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

// Everything the window writes (database, blobs, keys, e.firma files) is for its own user alone.
process.umask(0o077);
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
