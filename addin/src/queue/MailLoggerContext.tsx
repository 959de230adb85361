import { createContext, useContext, type ReactNode } from 'react';
import type { MailLogger } from './mailLogger';

const MailLoggerContext = createContext<MailLogger | null>(null);

/** Hands the queueing mail logger (./mailLogger.ts, over the same API calls as `useApi().pane`) to the log hook. */
export function MailLoggerProvider({ logger, children }: { logger: MailLogger; children: ReactNode }) {
  return <MailLoggerContext.Provider value={logger}>{children}</MailLoggerContext.Provider>;
}

export function useMailLogger(): MailLogger {
  const logger = useContext(MailLoggerContext);
  if (!logger) throw new Error('useMailLogger needs a MailLoggerProvider');
  return logger;
}
