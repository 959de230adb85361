import mongoose, { type Connection } from 'mongoose';

export const DEFAULT_DB_NAME = 'asiakkuus';

/**
 * Opens a mongoose connection. Short server-selection and buffering timeouts make an outage
 * surface as a quick 503 instead of hanging requests; the driver reconnects by itself.
 */
export async function connectDatabase(uri: string, dbName?: string): Promise<Connection> {
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
  });
  await conn.asPromise();
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

/**
 * Whether the server is FerretDB rather than MongoDB (FerretDB answers buildInfo with its own
 * `ferretdbVersion`). FerretDB 1.24 applies concurrent updates of one document as unlocked
 * read-modify-write and has no TTL indexes, so what needs atomic counters must not rely on it.
 */
export async function isFerretDB(conn: Connection): Promise<boolean> {
  const info = await conn.db!.admin().command({ buildInfo: 1 });
  return Object.keys(info).some((k) => k.startsWith('ferretdb'));
}
