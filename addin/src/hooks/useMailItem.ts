/**
 * The item the pane shows, following a pinned pane from item to item (where the client can pin) and a draft's
 * recipients as they change. Each item gets a new `itemKey`; a recipient change keeps it.
 * A slow read of an earlier item never replaces a later one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MailItem, OutlookHost, Unsubscribe } from '../office/types';

export interface MailItemState {
  status: 'loading' | 'ready' | 'error';
  item: MailItem | null;
  itemKey: number;
  error: Error | null;
  /** Reads the item again (the manual refresh where recipients-changed is unsupported). */
  refresh: () => void;
}

type Snapshot = Omit<MailItemState, 'refresh'>;

/** Subscribes while mounted, whether the subscription resolves before or after unmounting. */
function useSubscription(subscribe: (() => Promise<Unsubscribe>) | null) {
  useEffect(() => {
    if (!subscribe) return undefined;
    let unsubscribe: Unsubscribe | null = null;
    let active = true;
    subscribe().then(
      (u) => (active ? (unsubscribe = u) : u()),
      () => {}, // the client cannot tell us; the manual refresh remains
    );
    return () => {
      active = false;
      unsubscribe?.();
    };
  }, [subscribe]);
}

export function useMailItem(host: OutlookHost): MailItemState {
  const [snapshot, setSnapshot] = useState<Snapshot>({ status: 'loading', item: null, itemKey: 0, error: null });
  const sequence = useRef(0);
  const generation = useRef(0);

  const load = useCallback(
    async (isNewItem: boolean) => {
      const mine = ++sequence.current;
      if (isNewItem) generation.current += 1;
      const itemKey = generation.current;
      try {
        const item = await host.currentItem();
        if (mine === sequence.current) setSnapshot({ status: 'ready', item, itemKey, error: null });
      } catch (error) {
        if (mine === sequence.current) {
          setSnapshot({ status: 'error', item: null, itemKey, error: error instanceof Error ? error : new Error(String(error)) });
        }
      }
    },
    [host],
  );

  useEffect(() => {
    void load(true);
  }, [load]);

  // Outlook on iOS and Android has no pinning: the pane belongs to one mail and is opened anew for the next.
  const followsSelection = host.features().followsSelection;
  const onItemChanged = useCallback(() => host.onItemChanged(() => void load(true)), [host, load]);
  useSubscription(followsSelection ? onItemChanged : null);

  const isDraft = snapshot.item?.mode === 'compose';
  const watchRecipients = isDraft && host.supportsRecipientsChanged();
  const { itemKey } = snapshot;
  const onRecipientsChanged = useCallback(
    () => host.onRecipientsChanged(() => void load(false)),
    [host, load, itemKey], // itemKey: a new draft needs its own subscription
  );
  useSubscription(watchRecipients ? onRecipientsChanged : null);

  const refresh = useCallback(() => void load(false), [load]);
  return { ...snapshot, refresh };
}
