import { createContext, useContext, type ReactNode } from 'react';
import type { AdminApi } from '../../api/adminApi';
import type { Language, Messages } from './messages';

export interface AdminServices {
  api: AdminApi;
  t: Messages;
  language: Language;
  locale: string;
  timeZone: string;
}

const Ctx = createContext<AdminServices | null>(null);

export function AdminProvider({ value, children }: { value: AdminServices; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAdmin(): AdminServices {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAdmin needs an AdminProvider');
  return v;
}
