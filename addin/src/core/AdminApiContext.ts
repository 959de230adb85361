/** The administration calls over the one `http` of `useApi()` (./ApiContext): the web app's only. */
import { useMemo } from 'react';
import { adminCalls, type AdminApi } from '../api/adminApi';
import { useApi } from './ApiContext';

export function useAdminApi(): AdminApi {
  const { http } = useApi();
  return useMemo(() => adminCalls(http), [http]);
}
