import { useEffect, useState } from 'react';
import type { HostTheme, OutlookHost } from '../office/types';

/** Outlook's theme now and after the user switches it (where the client reports that). */
export function useHostTheme(host: OutlookHost): HostTheme {
  const [theme, setTheme] = useState<HostTheme>(() => host.theme());
  useEffect(() => {
    let active = true;
    let unsubscribe: (() => void) | null = null;
    host.onThemeChanged((next) => active && setTheme(next)).then(
      (u) => (active ? (unsubscribe = u) : u()),
      () => {}, // unsupported: the theme at start stays
    );
    return () => {
      active = false;
      unsubscribe?.();
    };
  }, [host]);
  return theme;
}
