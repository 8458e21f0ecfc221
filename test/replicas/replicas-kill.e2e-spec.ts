/**
 * Two API processes and two workers over one Postgres, Redis and Meilisearch, load spread over
 * both APIs, one API and one worker SIGKILLed mid-run (bench/replicas.ts at a smaller size): no
 * failed request beyond those cut in flight at the killed API, every placement recorded once, and
 * exactly the claims the engine says — none lost, none doubled.
 */
import { runReplicas } from '../../bench/replicas';

jest.setTimeout(10 * 60_000);

const USERS = 12;

it('one API and one worker SIGKILLed under load: nothing lost, nothing doubled', async () => {
  const outcome = await runReplicas(600, USERS);
  const report = outcome.lines.join('\n');
  expect({ report, errors: outcome.tally.otherErrors }).toEqual({ report, errors: {} });
  // Each user has one request in flight at a time: at most that many were cut at API 1.
  expect(outcome.tally.inFlightFailed).toBeLessThanOrEqual(USERS);
  expect(outcome.placements).toBe(600);
  expect(outcome.claims).toMatchObject({ missing: 0, unexpected: 0, twice: 0, wrongAmount: 0 });
  expect(outcome.unprocessed).toBe(0);
  expect(outcome.sound).toBe(true);
});
