/**
 * Which errors mean "the database is not reachable right now" (a 503 with Retry-After, which the
 * pane's offline queue retries) and which are faults (a logged 500). FerretDB, stopped while it
 * runs a findAndModify, answers with its SQL layer's error instead of dropping the connection;
 * that answer must count as an outage too (it made test/server/reliability/outage.test.ts flaky).
 */
import express from 'express';
import { MongoNetworkError, MongoServerError } from 'mongodb';
import request from 'supertest';
import { isDatabaseUnavailable } from '../../../server/db/unavailable';
import { errorHandler } from '../../../server/http/errorHandler';
import { isEngineShutdownError } from '../../../server/persistence/engine';

const serverError = (code: number, errmsg: string) => new MongoServerError({ ok: 0, code, errmsg });

/** The first is what FerretDB 1.24 answered in the outage test; the others are Go's sibling database/sql errors of a closing backend. */
const ferretShutdown = [
  serverError(1, 'sql: transaction has already been committed or rolled back'),
  serverError(1, 'sql: database is closed'),
  serverError(1, 'sql: connection is already closed'),
];

describe("the embedded engine's shutdown answers", () => {
  test.each(ferretShutdown.map((e) => [e.message, e]))('"%s" is an outage', (_msg, err) => {
    expect(isEngineShutdownError(err)).toBe(true);
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  test.each([
    ['a duplicate key', serverError(11000, 'E11000 duplicate key error collection: test.actions')],
    ['another internal error of FerretDB', serverError(1, 'sql: no rows in result set')],
    ['the shutdown sentence under another code', serverError(2, 'sql: transaction has already been committed or rolled back')],
    ['a plain Error with the same words', new Error('sql: transaction has already been committed or rolled back')],
    ['nothing', undefined],
  ])('%s is not an outage', (_what, err) => {
    expect(isEngineShutdownError(err)).toBe(false);
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  test("the driver's own connection errors stay outages", () => {
    expect(isDatabaseUnavailable(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'))).toBe(true);
  });
});

describe('what the API answers', () => {
  const appThrowing = (err: unknown) => {
    const app = express();
    app.post('/api/v1/actions/email', (_req, _res, next) => next(err));
    app.use(errorHandler);
    return app;
  };

  test('a mail logged while FerretDB shuts down gets 503 "unavailable" with Retry-After, not 500', async () => {
    const res = await request(appThrowing(ferretShutdown[0])).post('/api/v1/actions/email').send({});
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.error.code).toBe('unavailable');
  });

  test('an unknown server error is still a 500 without internals', async () => {
    const res = await request(appThrowing(serverError(1, 'sql: no rows in result set'))).post('/api/v1/actions/email').send({});
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toMatch(/sql:/);
  });
});
