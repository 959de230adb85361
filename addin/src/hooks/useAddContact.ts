/** Creates a contact (a TanStack mutation over `useApi().pane`); once saved, the mail's lookup is asked again. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Contact } from '../../../shared/contract';
import type { CreateContactRequest } from '../api/client';
import { ApiError } from '../api/errors';
import { useApi } from '../core/ApiContext';
import { lookupKeys } from './useLookup';

export interface AddContactState {
  status: 'idle' | 'saving' | 'error';
  error: ApiError | null;
  /** Resolves the new contact, or null when saving failed (see `error`). */
  save: (request: CreateContactRequest) => Promise<Contact | null>;
}

export function useAddContact(): AddContactState {
  const { pane } = useApi();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (request: CreateContactRequest) => pane.createContact(request),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: lookupKeys() }),
  });
  const { mutateAsync } = mutation;
  const save = useCallback((request: CreateContactRequest) => mutateAsync(request).catch(() => null), [mutateAsync]);
  const error = mutation.error === null ? null : mutation.error instanceof ApiError ? mutation.error : new ApiError('network', String(mutation.error));
  return { status: mutation.isPending ? 'saving' : mutation.isError ? 'error' : 'idle', error, save };
}
