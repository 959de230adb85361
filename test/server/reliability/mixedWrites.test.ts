/**
 * 200 concurrent mixed writes through one app process: on every engine, nothing is lost and
 * nothing duplicated (the scenario and its checks: ./mixedWrites). Several processes on one
 * database: ./twoInstances.test.ts (MongoDB only).
 */
import { startTestApp, type TestApp } from '../../support/testApp';
import { runMixedWrites } from './mixedWrites';
import { listen, type Listening } from './support';

let t: TestApp;
let server: Listening;

beforeAll(async () => {
  t = await startTestApp();
  server = await listen(t.app);
});
afterAll(async () => {
  await server.close();
  await t.close();
});

test('200 concurrent mixed writes through one process lose nothing and duplicate nothing', async () => {
  const { problems, statuses } = await runMixedWrites([{ url: server.url, token: (email, role) => t.tokenFor(email, role) }], t.conn);
  expect(problems).toEqual([]);
  expect(statuses['same mail']!.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses['same mail']!.filter((s) => s === 200)).toHaveLength(39);
  expect(statuses['one address twice']!.filter((s) => s === 409)).toHaveLength(9);
}, 240_000);
