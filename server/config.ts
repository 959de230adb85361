/** Configuration: parsed and validated once at start; the process refuses to start on bad or unsafe settings. */
import path from 'node:path';
import { z } from 'zod';
import { EMBEDDED_ENGINES, PROJECT_ROOT } from './db/embeddedDatabase';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A comma-separated list; empty items are dropped. */
const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

const httpsOrigin = (v: string) => {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' && u.origin === v.replace(/\/+$/, '');
  } catch {
    return false;
  }
};

const BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };
const bytesOf = (limit: string) => {
  const m = /^(\d+)(b|kb|mb)$/i.exec(limit);
  return m ? Number(m[1]) * BYTES[m[2]!.toLowerCase()]! : NaN;
};

const flag = (def: boolean) =>
  z.enum(['0', '1', 'true', 'false', 'yes', 'no']).optional().transform((v) => (v === undefined ? def : ['1', 'true', 'yes'].includes(v)));

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const production = env.NODE_ENV === 'production';
  const schema = z
    .object({
      NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
      PORT: z.coerce.number().int().min(0).max(65535).default(3000),
      HOST: z.string().min(1).default(production ? '0.0.0.0' : 'localhost'),
      MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, { error: 'must be a mongodb:// or mongodb+srv:// URI' }).optional(),
      /** Forces one embedded database instead of the automatic choice (see server/db/embeddedDatabase.ts). */
      DB_ENGINE: z.enum(EMBEDDED_ENGINES, { error: `must be one of ${EMBEDDED_ENGINES.join(', ')}` }).optional(),
      DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, '.data')),
      AUTH_MODE: z.enum(['dev', 'entra']).default(production ? 'entra' : 'dev'),
      HTTPS: flag(!production),
      SEED_DEMO: flag(!production),
      // The college's letterhead on offers (server/documents/offerPdf.ts has the defaults).
      COLLEGE_NAME: z.string().min(1).max(200).optional(),
      COLLEGE_ADDRESS: z.string().max(300).default(''),
      COLLEGE_BUSINESS_ID: z.string().max(20).default(''),
      COLLEGE_CONTACT: z.string().max(200).default(''),
      // Mailings (docs/mailings.md): the relay, the sender's address, the rate, and where the public pages are.
      SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, { error: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@smtp.office365.com:587' }).optional(),
      MAIL_FROM: z.string().min(3).max(300).optional(),
      MAILING_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
      PUBLIC_URL: z.url({ error: 'must be a URL such as https://crm.example.fi' }).optional(),
      EXCERPT_MAX_LENGTH: z.coerce.number().int().min(0).max(5000).default(500),
      TIME_ZONE: z.string().default('Europe/Helsinki').refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, { error: 'must be an IANA time zone such as Europe/Helsinki' }),
      BODY_LIMIT: z
        .string()
        .regex(/^\d+(b|kb|mb)$/i, { error: 'must look like 256kb or 1mb' })
        .refine((v) => bytesOf(v) >= 1024 && bytesOf(v) <= 10 * 1024 * 1024, { error: 'must be between 1kb and 10mb' })
        .default('256kb'),
      // Entra ID sign-in (AUTH_MODE=entra); see docs/entra.md.
      ENTRA_TENANT_IDS: list,
      ENTRA_CLIENT_ID: z.string().trim().optional(),
      ENTRA_AUDIENCE: z.string().trim().optional(),
      ENTRA_REQUIRE_PROVISIONED: flag(false),
      /** Addresses that are administrators from the start (provisioned when they have no user yet). */
      BOOTSTRAP_ADMINS: list.pipe(z.array(z.email({ error: 'must list email addresses' }))),
      ENTRA_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
      /** Tests only: where the signing keys are fetched instead of Entra ID. Refused in production. */
      ENTRA_JWKS_URI: z.url({ error: 'must be a URL' }).optional(),
      // Hardening.
      RATE_LIMIT_PER_USER: z.coerce.number().int().min(0).max(1_000_000).default(300),
      RATE_LIMIT_PER_IP: z.coerce.number().int().min(0).max(10_000_000).default(3000),
      RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
      ALLOWED_ORIGINS: list,
      FRAME_ANCESTORS: list,
      TRUST_PROXY: z.string().trim().min(1).default('loopback'),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default(env.NODE_ENV === 'test' ? 'silent' : 'info'),
      SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    })
    .superRefine((c, ctx) => {
      if (c.DB_ENGINE && c.MONGODB_URI) {
        ctx.addIssue({ code: 'custom', path: ['DB_ENGINE'], message: 'chooses an embedded database, but MONGODB_URI names a server: set only one' });
      }
      if (c.NODE_ENV === 'production' && c.AUTH_MODE === 'dev') {
        ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'AUTH_MODE=dev is refused when NODE_ENV=production: anyone could mint tokens' });
      }
      if (c.AUTH_MODE === 'entra') {
        if (c.ENTRA_TENANT_IDS.length === 0) {
          ctx.addIssue({ code: 'custom', path: ['ENTRA_TENANT_IDS'], message: 'AUTH_MODE=entra needs the tenant id(s) whose users may sign in' });
        }
        for (const t of c.ENTRA_TENANT_IDS) {
          if (!GUID.test(t)) {
            ctx.addIssue({ code: 'custom', path: ['ENTRA_TENANT_IDS'], message: `"${t}" is not a tenant id (a GUID); common/organizations would let any tenant sign in` });
          }
        }
        if (!c.ENTRA_CLIENT_ID || !GUID.test(c.ENTRA_CLIENT_ID)) {
          ctx.addIssue({ code: 'custom', path: ['ENTRA_CLIENT_ID'], message: 'AUTH_MODE=entra needs the app registration’s application (client) id, a GUID' });
        }
        if (!c.ENTRA_AUDIENCE || !/^(api:\/\/|https:\/\/)\S+$/.test(c.ENTRA_AUDIENCE)) {
          ctx.addIssue({ code: 'custom', path: ['ENTRA_AUDIENCE'], message: 'AUTH_MODE=entra needs the API’s Application ID URI, e.g. api://addin.example.fi/<client id>' });
        }
      } else if (c.ENTRA_REQUIRE_PROVISIONED || c.ENTRA_JWKS_URI) {
        ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'ENTRA_* settings are given but AUTH_MODE is not entra' });
      }
      if (c.NODE_ENV === 'production') {
        if (c.ENTRA_JWKS_URI) {
          ctx.addIssue({ code: 'custom', path: ['ENTRA_JWKS_URI'], message: 'is for tests only: in production the signing keys come from Entra ID itself' });
        }
        if (c.RATE_LIMIT_PER_USER === 0 || c.RATE_LIMIT_PER_IP === 0) {
          ctx.addIssue({ code: 'custom', path: ['RATE_LIMIT_PER_USER'], message: 'rate limits cannot be turned off (0) in production' });
        }
        if (c.TRUST_PROXY === 'true') {
          ctx.addIssue({ code: 'custom', path: ['TRUST_PROXY'], message: 'true would let any client forge its address (X-Forwarded-For); name the proxies or their hop count' });
        }
        if (c.SMTP_URL && !c.PUBLIC_URL) {
          ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'mailings carry links to the public pages: set the address they are reached at, e.g. https://crm.example.fi' });
        }
        if (c.SMTP_URL && !c.MAIL_FROM) {
          ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'mailings need a sender, e.g. "Koulutuskeskus <asiakkuus@example.fi>"' });
        }
        if (c.SEED_DEMO) {
          ctx.addIssue({ code: 'custom', path: ['SEED_DEMO'], message: 'demo data (with its made-up users) is refused in production' });
        }
      }
      for (const o of [...c.ALLOWED_ORIGINS, ...c.FRAME_ANCESTORS]) {
        if (!httpsOrigin(o) && !(c.NODE_ENV !== 'production' && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(o))) {
          ctx.addIssue({ code: 'custom', path: [c.ALLOWED_ORIGINS.includes(o) ? 'ALLOWED_ORIGINS' : 'FRAME_ANCESTORS'], message: `"${o}" must be an https origin such as https://addin.example.fi` });
        }
      }
      if (c.ALLOWED_ORIGINS.includes('*')) {
        ctx.addIssue({ code: 'custom', path: ['ALLOWED_ORIGINS'], message: '"*" would open the API to every site' });
      }
    });
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export type Config = ReturnType<typeof loadConfig>;

/** TRUST_PROXY as Express takes it: a hop count, a boolean, or addresses/subnets/names (loopback, uniquelocal…). */
export function trustProxySetting(value: string): string | number | boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
