/** Configuration: parsed and validated once at start; the process refuses to start on bad or unsafe settings. */
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './db/embeddedDatabase';

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
      DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, '.data')),
      AUTH_MODE: z.enum(['dev', 'entra']).default(production ? 'entra' : 'dev'),
      HTTPS: flag(!production),
      SEED_DEMO: flag(!production),
      EXCERPT_MAX_LENGTH: z.coerce.number().int().min(0).max(5000).default(500),
      TIME_ZONE: z.string().default('Europe/Helsinki').refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, { error: 'must be an IANA time zone such as Europe/Helsinki' }),
      BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, { error: 'must look like 256kb or 1mb' }).default('256kb'),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default(env.NODE_ENV === 'test' ? 'silent' : 'info'),
      SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    })
    .superRefine((c, ctx) => {
      if (c.NODE_ENV === 'production' && c.AUTH_MODE === 'dev') {
        ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'AUTH_MODE=dev is refused when NODE_ENV=production: anyone could mint tokens' });
      }
      if (c.AUTH_MODE === 'entra') {
        ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'AUTH_MODE=entra is not available in this version yet; use AUTH_MODE=dev outside production' });
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
