#!/usr/bin/env node
// Entry point of `npx khidmat`: registers tsx so that Node runs the TypeScript CLI directly.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early, such as `| head`, is not an error of the command.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
