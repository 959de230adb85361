/**
 * A local SMTP server that keeps what it receives (the `smtp-server` package): the development
 * outbox when no SMTP_URL is configured, and the relay of the tests. It listens on loopback only,
 * takes no authentication and relays nothing; it keeps the newest `keep` messages in memory.
 * `refuse` lets a test make it answer one address with a permanent error (550), as a relay would.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { readMessage, type ReadMessage } from './readMessage';

export interface SunkMessage extends ReadMessage {
  id: string;
  receivedAt: Date;
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`: what SMTP_URL would be. */
  url: string;
  port: number;
  messages(): readonly SunkMessage[];
  clear(): void;
  /** Recipients the sink answers with 550 from now on. */
  refuse(address: string, message?: string): void;
  /** Calls `listener` with each message as it is received. */
  onMessage(listener: (m: SunkMessage) => void): () => void;
  close(): Promise<void>;
}

export async function startSmtpSink(opts: { port?: number; keep?: number } = {}): Promise<SmtpSink> {
  const keep = opts.keep ?? 500;
  let received: SunkMessage[] = [];
  const refused = new Map<string, string>();
  const listeners = new Set<(m: SunkMessage) => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // Loopback only: no reverse DNS of the client (it would add a lookup to each connection).
    disableReverseLookup: true,
    banner: 'Asiakkuus development SMTP sink',
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const why = refused.get(address.address.toLowerCase());
      if (why) {
        const err = new Error(why) as Error & { responseCode?: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const message: SunkMessage = {
          id: randomUUID(),
          receivedAt: new Date(),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...readMessage(raw),
        };
        received.push(message);
        if (received.length > keep) received = received.slice(-keep);
        for (const l of listeners) l(message);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages: () => received,
    clear: () => {
      received = [];
    },
    refuse: (address, message = '5.1.1 Recipient address rejected: user unknown') => {
      refused.set(address.toLowerCase(), message);
    },
    onMessage: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
