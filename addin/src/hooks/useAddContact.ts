import { useCallback, useEffect, useRef, useState } from 'react';
import type { Contact } from '../../../shared/contract';
import { useServices } from '../api/ServicesContext';
import type { CreateContactRequest } from '../api/client';
import { ApiError } from '../api/errors';

export interface AddContactState {
  status: 'idle' | 'saving' | 'error';
  error: ApiError | null;
  /** Resolves the new contact, or null when saving failed (see `error`). */
  save: (request: CreateContactRequest) => Promise<Contact | null>;
}

export function useAddContact(): AddContactState {
  const { api } = useServices();
  const [state, setState] = useState<Omit<AddContactState, 'save'>>({ status: 'idle', error: null });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const save = useCallback(
    async (request: CreateContactRequest) => {
      setState({ status: 'saving', error: null });
      try {
        const contact = await api.createContact(request);
        if (mounted.current) setState({ status: 'idle', error: null });
        return contact;
      } catch (error) {
        const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
        if (mounted.current) setState({ status: 'error', error: apiError });
        return null;
      }
    },
    [api],
  );
  return { ...state, save };
}
