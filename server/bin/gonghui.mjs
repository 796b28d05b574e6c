#!/usr/bin/env node
// Runs the TypeScript sources directly: one build step less for every install.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
