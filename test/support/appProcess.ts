/**
 * One app instance as its own process, for tests that run several on one database:
 * `MONGODB_URI` and `DB_NAME` name the database; it prints `{"port": n}` once it listens.
 * With `SMTP_URL` it sends due mailings through that relay (`MAIL_LEASE_MS`: its sender's lease,
 * `MAILING_RATE_PER_MINUTE`: its rate), as the server does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { compose } from '../../server/compose';
import { smtpMailer } from '../../server/mail/mailer';

async function main(): Promise<void> {
  const composed = await compose({
    uri: process.env.MONGODB_URI!,
    dbName: process.env.DB_NAME,
    authMode: 'dev',
    settings: { excerptMaxLength: 500, timeZone: 'Europe/Helsinki' },
    logger: pino({ level: 'silent' }),
    rateLimit: { perUser: 1_000_000, perIp: 1_000_000, windowSeconds: 60 },
    ...(process.env.SMTP_URL
      ? {
          mail: {
            mailer: smtpMailer(process.env.SMTP_URL), from: 'Testiopisto <crm@testiopisto.fi>', ratePerMinute: Number(process.env.MAILING_RATE_PER_MINUTE ?? 100_000),
            leaseMs: Number(process.env.MAIL_LEASE_MS ?? 60_000), pollMs: 200,
          },
        }
      : {}),
  });
  composed.sender?.start();
  const server = http.createServer(composed.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  process.on('SIGTERM', () => {
    server.close();
    void composed.conn.close().then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
