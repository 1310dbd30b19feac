/** The summary that `npm run demo` prints once everything runs: where to go and how to sign in. */
import type { DemoPerson } from './organisation';

export interface BannerInput {
  port: number;
  temporalUiPort: number;
  password: string;
  people: DemoPerson[];
  liveCases: Record<string, string>;
  startedInMs: number;
}

export function demoBanner(input: BannerInput): string {
  const khidmat = `http://localhost:${input.port}`;
  const accounts = input.people.filter(
    (person) => person.signsIn && person.description !== undefined,
  );
  const width = Math.max(...accounts.map((person) => person.email.length));
  const otherStaff = input.people.filter(
    (person) => person.signsIn && person.description === undefined,
  );
  const lines = [
    '',
    'Khidmat demo is running.',
    '',
    `  Khidmat       ${khidmat}`,
    `  Temporal UI   http://localhost:${input.temporalUiPort}`,
    `  OpenAPI       ${khidmat}/api/v1/openapi.json`,
    `  Health        ${khidmat}/api/v1/health`,
    '',
    `Demo accounts (password: ${input.password}):`,
    ...accounts.map(
      (person) => `  ${person.email.padEnd(width)}  ${person.name}, ${person.description ?? ''}`,
    ),
    `  ...and ${otherStaff.length} more staff (unit heads and technicians of every unit) with the same password.`,
    '',
    `Open cases with live workflows: ${Object.values(input.liveCases).join(', ')}`,
    `Ready in ${(input.startedInMs / 1000).toFixed(1)} s. Press Ctrl-C to stop Khidmat and Temporal.`,
    '',
  ];
  return lines.join('\n');
}
