#!/usr/bin/env node
// The `soquy` command: runs the TypeScript sources through tsx's loader (no build step). The
// project's tsconfig is named explicitly: tsx would otherwise look for one in the working
// directory, and run from any other folder the pages' JSX compiled for React (a 500 on every page).
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
