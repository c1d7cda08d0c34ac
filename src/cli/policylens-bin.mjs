#!/usr/bin/env node
// The `policylens` bin: the CLI is TypeScript run through tsx (a devDependency), so the bin
// works from a checkout with its dev dependencies installed, which is how it is used.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./policylens.ts');
process.exit(await main(process.argv.slice(2)));
