/**
 * A list operation on a selection's members while it runs and after: a progress bar with "n / total"
 * (announced politely to screen readers) from the operation's progress lines, then its result; when
 * it stopped midway, how far it got, which members are done, and what the finished part did.
 */
import { Field, ProgressBar, Text } from '@fluentui/react-components';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import type { ProgressStep } from '../../../../shared/contract-progress';
import { OperationStoppedError } from '../../api/errors';
import { useApi } from '../../core/ApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { problemSentence } from '../common/errors';
import { useCustomerStyles } from '../customers/customers.styles';

/** A POST of a list operation, its progress kept for OperationProgress; `onSuccess` as useMutation's. */
export function useListOperation<T, V>(request: (vars: V) => { path: string; body: object }, schema: z.ZodType<T>, onSuccess?: (result: T) => void) {
  const { http } = useApi();
  const [step, setStep] = useState<ProgressStep | null>(null);
  const mutation = useMutation({
    mutationFn: (vars: V) => {
      setStep(null);
      const { path, body } = request(vars);
      return http.withProgress({ method: 'POST', path, body, schema, onProgress: setStep });
    },
    onSuccess,
  });
  return { mutation, step, schema };
}

/** What OperationProgress reads of a useListOperation. */
interface ListOperation<T> {
  mutation: { isPending: boolean; error: Error | null; data: T | undefined };
  step: ProgressStep | null;
  schema: z.ZodType<T>;
}

/**
 * The progress while the operation runs; then `result(…)` of its answer, or of the part done when it
 * stopped (with how far it got); `fieldErrors` are those the form shows beside its fields.
 */
export function OperationProgress<T>({ operation, result, shownByFields = false }: { operation: ListOperation<T>; result: (r: T) => ReactNode; shownByFields?: boolean }) {
  const t = useT();
  const s = useCustomerStyles();
  const { mutation, step, schema } = operation;
  const error = mutation.error;
  const stopped = error instanceof OperationStoppedError ? error : null;
  const partial = stopped ? schema.safeParse(stopped.stoppedAt.result) : null;
  return (
    <>
      {mutation.isPending && (
        <Field label={t('app.sel.progressLabel')} className={s.field}>
          <ProgressBar value={step && step.total > 0 ? step.done / step.total : undefined} max={1} thickness="large" />
        </Field>
      )}
      <div role="status" aria-live="polite">
        {mutation.isPending && step && <Text>{t('app.sel.progress', { done: step.done, total: step.total })}</Text>}
        {mutation.data !== undefined && result(mutation.data)}
      </div>
      {stopped && (
        <div role="alert">
          <Text block className={s.error}>{t('app.sel.stopped', { done: stopped.stoppedAt.done, total: stopped.stoppedAt.total, reason: problemSentence(t, stopped) })}</Text>
          <Text block>{stopped.stoppedAt.doneThrough ? t('app.sel.stoppedThrough', { name: stopped.stoppedAt.doneThrough.name }) : t('app.sel.stoppedNone')}</Text>
          {partial?.success && stopped.stoppedAt.done > 0 && result(partial.data)}
        </div>
      )}
      {error && !stopped && !shownByFields && <Text role="alert" className={s.error}>{problemSentence(t, error)}</Text>}
    </>
  );
}
