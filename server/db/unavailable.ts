/** Whether an error means the database could not be reached (a 503 and a retry later), not a fault. */
// The engine module is the one place that knows how the embedded engine reports its own shutdown;
// it imports this module too, and both only call each other's functions at run time.
import { isEngineShutdownError } from '../persistence/engine';

const DATABASE_UNAVAILABLE = new Set([
  'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoServerSelectionError', 'MongooseServerSelectionError',
  'MongoNotConnectedError', 'MongoPoolClearedError', 'MongoTopologyClosedError', 'MongoServerClosedError',
  'MongoClientClosedError',
]);

/**
 * Socket errors the driver can pass through unwrapped, e.g. EPIPE when it writes a command to a
 * connection the database closed a moment ago (seen when the database stops under load).
 */
const CONNECTION_LOST = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ENOTCONN', 'ETIMEDOUT']);

export function isDatabaseUnavailable(err: unknown): boolean {
  // By shape, not `instanceof Error`: Node's own socket errors come from another realm under Jest's VM.
  if (typeof err !== 'object' || err === null) return false;
  const { name, code, message } = err as { name?: unknown; code?: unknown; message?: unknown };
  if (typeof name === 'string' && DATABASE_UNAVAILABLE.has(name)) return true;
  if (typeof code === 'string' && CONNECTION_LOST.has(code)) return true;
  if (isEngineShutdownError(err)) return true;
  return name === 'MongooseError' && typeof message === 'string' && /buffering timed out|before initial connection|Connection was force closed/i.test(message);
}
