/**
 * The routes an Express app actually serves, read from its router stack, so that the
 * role × route table can be checked against them (tests; a warning at start).
 */
import type { Express } from 'express';
import { ROUTE_TABLE, type RouteRule } from './permissions';

export interface MountedRoute {
  method: string;
  /** The full path, e.g. `/api/v1/organizations/:id`. */
  path: string;
}

interface LayerLike {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

const join = (a: string, b: string) => `${a.replace(/\/+$/, '')}/${b.replace(/^\/+/, '')}`.replace(/\/+$/, '') || '/';

function walk(stack: LayerLike[], base: string, out: MountedRoute[]): void {
  for (const layer of stack) {
    const here = typeof layer.rawPath === 'string' ? layer.rawPath : '/';
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') out.push({ method: method.toUpperCase(), path: join(base, String(p)) });
        }
      }
    } else if (layer.handle?.stack) {
      walk(layer.handle.stack, join(base, here), out);
    }
  }
}

export function mountedRoutes(app: Express): MountedRoute[] {
  const out: MountedRoute[] = [];
  walk(((app as unknown as { router: { stack: LayerLike[] } }).router?.stack) ?? [], '/', out);
  return out;
}

/** Mounted routes under `prefix` that no table entry covers (they answer 404 until one is added). */
export function routesWithoutRule(app: Express, prefix: string, table: readonly RouteRule[] = ROUTE_TABLE): MountedRoute[] {
  return mountedRoutes(app)
    .filter((r) => r.path === prefix || r.path.startsWith(`${prefix}/`))
    .filter((r) => !table.some((rule) => rule.method === r.method && join(prefix, rule.path) === r.path));
}
