/**
 * Setup of every browser test file: when a test fails, reports what its open pages show (see
 * reportFailure in the harness).
 */
import { afterEach } from 'vitest';
import { reportFailure } from './harness';

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await reportFailure(context.task.name);
});
