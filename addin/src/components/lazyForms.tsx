/**
 * The pane's forms as a chunk of their own (./forms), so that the first load — the one the status
 * waits for — does not carry their fields. A card that offers a form preloads the chunk when the
 * browser is idle, so a click rarely waits; a chunk that fails to load says so with a retry.
 */
import { Component, Suspense, lazy, useEffect, useState, type ReactNode } from 'react';
import { Button, Spinner, Text } from './fluent';
import { usePaneT } from '../core/i18n/I18nProvider';

type Forms = typeof import('./forms');

let loading: Promise<Forms> | null = null;
function loadForms(): Promise<Forms> {
  loading ??= import('./forms').catch((error: unknown) => {
    loading = null; // the next attempt fetches again
    throw error;
  });
  return loading;
}

export const AddContactForm = lazy(() => loadForms().then((m) => ({ default: m.AddContactForm })));
export const FollowUpForm = lazy(() => loadForms().then((m) => ({ default: m.FollowUpForm })));
export const LogActionForm = lazy(() => loadForms().then((m) => ({ default: m.LogActionForm })));
export const ComposePanel = lazy(() => loadForms().then((m) => ({ default: m.ComposePanel })));
export const OpportunityPicker = lazy(() => loadForms().then((m) => ({ default: m.OpportunityPicker })));
export const PaneSales = lazy(() => loadForms().then((m) => ({ default: m.PaneSales })));
export const PaneFeedbackScore = lazy(() => loadForms().then((m) => ({ default: m.PaneFeedbackScore })));
export const SurveyLink = lazy(() => loadForms().then((m) => ({ default: m.SurveyLink })));

/** Fetches the forms' chunk once the browser has nothing else to do. */
export function usePreloadedForms(): void {
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 500));
    idle(() => void loadForms().catch(() => undefined));
  }, []);
}

/** Shows `fallback` once a child failed to render (here: its chunk did not load); a new `key` tries again. */
class LoadFailure extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * Where a lazy form renders: a spinner while its chunk loads (nothing when `quiet`: a part that
 * adds to a card rather than one the user asked for), a message with a retry if it cannot.
 */
export function FormSlot({ children, quiet = false }: { children: ReactNode; quiet?: boolean }) {
  const t = usePaneT();
  const [attempt, setAttempt] = useState(0);
  return (
    <LoadFailure
      key={attempt}
      fallback={(
        <div role="alert">
          <Text>{t('pane.formLoadFailed')}</Text>{' '}
          <Button size="small" onClick={() => setAttempt((n) => n + 1)}>{t('pane.retry')}</Button>
        </div>
      )}
    >
      <Suspense fallback={quiet ? null : <Spinner size="tiny" label={t('pane.loading')} />}>{children}</Suspense>
    </LoadFailure>
  );
}
