/**
 * One lookup call for everyone on the mail. A new question aborts the previous one and an
 * answer that arrives late for an earlier question is ignored.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LookupResponse } from '../../../shared/contract';
import { useServices } from '../api/ServicesContext';
import { isAbort } from '../api/errors';

export interface LookupState {
  status: 'loading' | 'ready' | 'error';
  /** The latest answer; kept while a reload runs so the pane does not flash. */
  data: LookupResponse | null;
  error: Error | null;
  reload: () => void;
  /** Changes the answer held here, from news the pane already has (a log's answer); nothing is fetched. */
  update: (change: (data: LookupResponse) => LookupResponse) => void;
}

const EMPTY: LookupResponse = { people: [], logged: [] };

export function useLookup(emails: readonly string[], messageId: string | null): LookupState {
  const { api } = useServices();
  const [state, setState] = useState<Omit<LookupState, 'reload' | 'update'>>({ status: 'loading', data: null, error: null });
  const [round, setRound] = useState(0);
  const sequence = useRef(0);
  const query = emails.join('\n');

  useEffect(() => {
    const mine = ++sequence.current;
    const addresses = query === '' ? [] : query.split('\n');
    if (addresses.length === 0) {
      setState({ status: 'ready', data: EMPTY, error: null });
      return undefined;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, status: 'loading', error: null }));
    api.lookup({ emails: addresses, messageId }, controller.signal).then(
      (data) => {
        if (mine === sequence.current) setState({ status: 'ready', data, error: null });
      },
      (error: unknown) => {
        if (isAbort(error) || mine !== sequence.current) return;
        setState((s) => ({ ...s, status: 'error', error: error instanceof Error ? error : new Error(String(error)) }));
      },
    );
    return () => controller.abort();
  }, [api, query, messageId, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const update = useCallback((change: (data: LookupResponse) => LookupResponse) => {
    setState((s) => (s.data ? { ...s, data: change(s.data) } : s));
  }, []);
  return { ...state, reload, update };
}
