import mongoose, { type Connection } from 'mongoose';

export const DEFAULT_DB_NAME = 'asiakkuus';

/**
 * Opens a mongoose connection. Short server-selection and buffering timeouts make an outage
 * surface as a quick 503 instead of hanging requests; the driver reconnects by itself. The first
 * connect, though, may wait up to `opts.startupTimeoutMs` (default
 * 15 s) for the database: a server started beside its database, or on a busy machine, should not
 * fail at start-up because one server selection of 1 s ran out.
 */
export async function connectDatabase(
  uri: string,
  dbName?: string,
  opts: { monitorCommands?: boolean; startupTimeoutMs?: number } = {},
): Promise<Connection> {
  const deadline = Date.now() + (opts.startupTimeoutMs ?? 15_000);
  for (;;) {
    try {
      return await openConnection(uri, dbName, opts);
    } catch (err) {
      if ((err as { name?: unknown }).name !== 'MongooseServerSelectionError' || Date.now() >= deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function openConnection(uri: string, dbName: string | undefined, opts: { monitorCommands?: boolean }): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    dbName: dbName ?? (new URL(uri.replace(/^mongodb(\+srv)?:/, 'http:')).pathname.slice(1) || DEFAULT_DB_NAME),
    // A request makes several database calls one after the other, and the driver retries a read
    // once after a network error: 1 s per server selection keeps a whole request's 503 under 3 s.
    serverSelectionTimeoutMS: 1_000,
    heartbeatFrequencyMS: 2_000, // notice a restarted database within seconds, not the default 10
    connectTimeoutMS: 2_000,
    socketTimeoutMS: 30_000,
    maxPoolSize: 50,
    bufferCommands: false,
    autoIndex: false,
    autoCreate: true,
    // Command events for the round-trip counts of the tests and the benchmark (./commandCounter).
    monitorCommands: opts.monitorCommands ?? false,
  });
  try {
    await conn.asPromise();
  } catch (err) {
    await conn.close().catch(() => undefined);
    throw err;
  }
  return conn;
}

export async function pingDatabase(conn: Connection, timeoutMs = 1_500): Promise<boolean> {
  if (!conn.db) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([conn.db.command({ ping: 1 }).then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
