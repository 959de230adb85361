import { createContext, useContext, type ReactNode } from 'react';
import type { OutlookHost } from './types';

const HostContext = createContext<OutlookHost | null>(null);

/** Hands the Outlook adapter to components, which never see `Office` themselves. */
export function HostProvider({ host, children }: { host: OutlookHost; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): OutlookHost {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost needs a HostProvider');
  return host;
}
