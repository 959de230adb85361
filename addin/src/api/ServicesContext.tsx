import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from './client';
import type { MailLogger } from '../queue/mailLogger';

/** What hooks reach the server through: the API client and the queueing mail logger. */
export interface Services {
  api: ApiClient;
  logger: MailLogger;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices needs a ServicesProvider');
  return services;
}
