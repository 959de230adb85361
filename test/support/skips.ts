/**
 * Suites that cannot run on this machine or this run's database say why, once, instead of
 * skipping silently. In CI (CI=true) only a suite that needs a real MongoDB may skip: there,
 * any other reason fails the suite, naming it.
 */

/** Why this run's database is not a real MongoDB (globalSetup asks the server), or null when it is. */
export function realMongoDBMissing(): string | null {
  if (process.env.TEST_DB_IS_MONGODB === '1') return null;
  return `needs a real MongoDB, and this run's database is ${process.env.TEST_DB_ENGINE ?? 'not started'} (run with MONGODB_URI, or where mongodb-memory-server can get a mongod)`;
}

export interface SkipOptions {
  /** The reason is the lack of a real MongoDB: the one kind of skip allowed in CI. */
  needsMongoDB?: boolean;
}

const told = new Set<string>();

function decide(cannotRun: string | null | undefined, name: string, opts: SkipOptions): 'run' | 'skip' | 'fail' {
  if (!cannotRun) return 'run';
  if (process.env.CI === 'true' && !opts.needsMongoDB) return 'fail';
  // Once per reason and test file; Jest lists every skipped test by name anyway.
  if (!told.has(cannotRun)) console.warn(`[skipped] "${name}", and any later test of this file for the same reason: ${cannotRun}`);
  told.add(cannotRun);
  return 'skip';
}

/** `describe`, unless `cannotRun` names why the suite cannot run here. */
export function describeUnless(cannotRun: string | null | undefined, name: string, fn: () => void, opts: SkipOptions = {}): void {
  const decision = decide(cannotRun, name, opts);
  if (decision === 'run') describe(name, fn);
  else if (decision === 'skip') describe.skip(name, fn);
  else describe(name, () => test('cannot run in CI', () => { throw new Error(`${name}: ${cannotRun}`); }));
}

/** `test`, unless `cannotRun` names why the test cannot run here. */
export function testUnless(cannotRun: string | null | undefined, name: string, fn: jest.ProvidesCallback, timeout?: number, opts: SkipOptions = {}): void {
  const decision = decide(cannotRun, name, opts);
  if (decision === 'run') test(name, fn, timeout);
  else if (decision === 'skip') test.skip(name, fn);
  else test(name, () => { throw new Error(`cannot run in CI: ${cannotRun}`); });
}
