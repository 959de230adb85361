/**
 * The web app's one dialog pattern. A Fluent v9 dialog unmounted while open leaves the rest of the
 * page `aria-hidden` (hidden from assistive technology), so a page never writes `{open && <Dialog …>}`:
 * - the dialog stays mounted and is opened and closed through `open` (`{...dialog.props}`);
 * - its form, and the form's state, mount at each opening inside the surface (`<AppDialog>`, or
 *   `{open && <Form/>}` inside `DialogSurface`), so every opening starts from the record as it is now;
 * - a dialog about a subject (a contact, a task) mounts at the first `show(subject)` and keeps its last
 *   subject after closing, so it is never unmounted while open either.
 */
import { useCallback, useMemo, useState } from 'react';

export interface DialogState<T> {
  /** What the dialog is about (the last one shown, kept after closing); null before the first `show`. */
  subject: T | null;
  open: boolean;
  /** Opens the dialog (about `subject`). */
  show(subject?: T): void;
  close(): void;
  /** For the dialog component: `open` and `onOpenChange`. */
  props: { open: boolean; onOpenChange: (open: boolean) => void };
}

export function useDialog<T = true>(): DialogState<T> {
  const [state, setState] = useState<{ open: boolean; subject: T | null }>({ open: false, subject: null });
  const onOpenChange = useCallback((open: boolean) => setState((s) => (s.open === open ? s : { ...s, open })), []);
  const show = useCallback((subject?: T) => setState({ open: true, subject: subject ?? (true as T) }), []);
  return useMemo(
    () => ({ subject: state.subject, open: state.open, show, close: () => onOpenChange(false), props: { open: state.open, onOpenChange } }),
    [state, show, onOpenChange],
  );
}
