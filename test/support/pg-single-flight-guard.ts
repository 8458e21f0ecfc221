/**
 * pg deprecates queueing a query on a client that is still busy with others (an error in pg 9):
 * queries on one connection — a transaction's manager, a LISTEN client — must be awaited in turn.
 * pg warns once per process and Jest's sandbox does not see the warning, so this checks pg's own
 * condition on every query of the suite's pg module and fails the suite with where it happened.
 */
import { Client } from 'pg';

const seen: string[] = [];
type Queued = { _queryQueue?: unknown[]; pipeline?: boolean };
const query = Client.prototype.query as (...args: unknown[]) => unknown;
Client.prototype.query = function (this: Client & Queued, ...args: unknown[]) {
  if ((this._queryQueue?.length ?? 0) > 0 && !this.pipeline && seen.length < 5) {
    seen.push(new Error('client.query() while the client is already executing a query').stack ?? '');
  }
  return query.apply(this, args);
} as typeof Client.prototype.query;

afterAll(() => {
  if (seen.length > 0) throw new Error(`pg: concurrent queries on one client\n${seen.join('\n')}`);
});
