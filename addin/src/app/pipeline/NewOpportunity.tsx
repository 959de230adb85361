/**
 * A new opportunity: its customer (picked, or the page's), title, estimated value in euros and
 * expected close date. The pipeline board shows it as a form above the board; a customer's page
 * opens it as a dialog (`NewOpportunityDialog`) on that customer.
 */
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Input, makeStyles, Text, Title3, tokens,
} from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { OpportunitySchema, type CreateOpportunity, type Opportunity } from '../../../../shared/contract-sales';
import { parseEuros } from '../../../../shared/domain/money';
import { useApi } from '../../core/ApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { fieldProblem, problemText } from '../common/errors';
import { CustomerPicker, type CustomerRef } from '../tasks/CustomerPicker';
import { invalidateOpportunity } from './sales';

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalM, maxWidth: '960px' },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** The form's state and its POST; `customer` fixed when given. */
function useNewOpportunity(fixed: CustomerRef | undefined, onAdded: (o: Opportunity) => void) {
  const { http } = useApi();
  const queries = useQueryClient();
  const [picked, setPicked] = useState<CustomerRef | null>(null);
  const [title, setTitle] = useState('');
  const [value, setValue] = useState('');
  const [close, setClose] = useState('');
  const customer = fixed ?? picked;
  const cents = value.trim() === '' ? 0 : parseEuros(value);
  const add = useMutation({
    mutationFn: (body: CreateOpportunity) => http.request({ method: 'POST', path: '/opportunities', body, schema: OpportunitySchema }),
    onSuccess: (created) => {
      setTitle('');
      setValue('');
      setClose('');
      void invalidateOpportunity(queries, created);
      onAdded(created);
    },
  });
  const ready = !!customer && title.trim() !== '' && cents !== null && !add.isPending;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!customer || cents === null) return;
    add.mutate({ organizationId: customer.id, title, estimatedValueCents: cents, expectedCloseOn: close || null });
  };
  return { customer, picked, setPicked, title, setTitle, value, setValue, close, setClose, cents, add, ready, submit, fixed };
}

function Fields({ state, className }: { state: ReturnType<typeof useNewOpportunity>; className: string }) {
  const t = useT();
  const { add, cents } = state;
  const valueProblem = cents === null ? t('app.pipeline.valueInvalid') : fieldProblem(t, add.error, 'estimatedValueCents');
  return (
    <div className={className}>
      {!state.fixed && <CustomerPicker value={state.picked} onChange={state.setPicked} validationMessage={fieldProblem(t, add.error, 'organizationId')} />}
      <Field label={t('app.pipeline.title')} required validationMessage={fieldProblem(t, add.error, 'title')}>
        <Input value={state.title} onChange={(_, d) => state.setTitle(d.value)} required />
      </Field>
      <Field label={t('app.pipeline.estimatedValue')} hint={t('app.pipeline.valueHint')} validationMessage={valueProblem} validationState={valueProblem ? 'error' : 'none'}>
        <Input value={state.value} inputMode="decimal" onChange={(_, d) => state.setValue(d.value)} />
      </Field>
      <Field label={t('app.pipeline.expectedClose')} validationMessage={fieldProblem(t, add.error, 'expectedCloseOn')}>
        <Input type="date" value={state.close} onChange={(_, d) => state.setClose(d.value)} />
      </Field>
    </div>
  );
}

/** The board's form: pick the customer, add, and say so. */
export function NewOpportunity({ onAdded }: { onAdded: (o: Opportunity) => void }) {
  const t = useT();
  const s = useStyles();
  const state = useNewOpportunity(undefined, onAdded);
  return (
    <form aria-labelledby="new-opportunity" onSubmit={state.submit}>
      <Title3 as="h2" id="new-opportunity">{t('app.pipeline.new')}</Title3>
      <Fields state={state} className={s.form} />
      <Button type="submit" appearance="primary" disabled={!state.ready}>{t('app.pipeline.add')}</Button>
      <div role="status">{state.add.isSuccess && <Text>{t('app.pipeline.added', { title: state.add.data.title })}</Text>}</div>
    </form>
  );
}

/** A customer page's dialog: the opportunity on that customer; closes when added. */
export function NewOpportunityDialog({ customer, open, onOpenChange, onAdded }: {
  customer: CustomerRef; open: boolean; onOpenChange: (open: boolean) => void; onAdded: (o: Opportunity) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={(_, d) => onOpenChange(d.open)}>
      <DialogSurface aria-describedby={undefined}>
        {open && <DialogForm customer={customer} onAdded={(o) => { onOpenChange(false); onAdded(o); }} />}
      </DialogSurface>
    </Dialog>
  );
}

function DialogForm({ customer, onAdded }: { customer: CustomerRef; onAdded: (o: Opportunity) => void }) {
  const t = useT();
  const s = useStyles();
  const state = useNewOpportunity(customer, onAdded);
  const problem = state.add.error && !fieldProblem(t, state.add.error, 'title', 'estimatedValueCents', 'expectedCloseOn') ? problemText(t, state.add.error) : null;
  return (
    <form onSubmit={state.submit}>
      <DialogBody>
        <DialogTitle>{t('app.sales.newOpportunityOn', { customer: customer.name })}</DialogTitle>
        <DialogContent>
          <Fields state={state} className={s.column} />
          <div role="status">{problem && <Text>{problem}</Text>}</div>
        </DialogContent>
        <DialogActions fluid>
          <Button type="submit" appearance="primary" disabled={!state.ready}>{t('app.pipeline.add')}</Button>
          <DialogTrigger disableButtonEnhancement><Button>{t('app.cancel')}</Button></DialogTrigger>
        </DialogActions>
      </DialogBody>
    </form>
  );
}
