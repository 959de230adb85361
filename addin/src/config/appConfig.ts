/**
 * Runtime configuration the server publishes at `/config.json` (same origin as the pane):
 * how the pane signs in. Read once; the build holds no environment-specific values.
 */
import * as z from 'zod';

export const CONFIG_PATH = '/config.json';

export const AppConfigSchema = z.object({
  authMode: z.enum(['dev', 'entra']),
  entra: z
    .object({ clientId: z.string().min(1), tenantId: z.string().min(1).optional(), scope: z.string().min(1) })
    .optional(),
});
export type AppConfig = z.infer<typeof AppConfigSchema>;

export async function loadAppConfig(fetchFn: typeof fetch, baseUrl = ''): Promise<AppConfig> {
  const response = await fetchFn(`${baseUrl}${CONFIG_PATH}`, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`Loading ${CONFIG_PATH} failed with status ${response.status}`);
  const parsed = AppConfigSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`${CONFIG_PATH} is not valid: ${parsed.error.issues.map((i) => i.path.join('.') + ' ' + i.message).join('; ')}`);
  return parsed.data;
}
