/**
 * `/app/pipeline`: one owner's opportunities as a board, a column per stage with its count, value
 * and value weighted by probability. A card moves to another stage with its "Stage" select (the
 * keyboard's and the screen reader's way; a lost one asks why). A new opportunity is added on a
 * customer from the form above the board. Management and administrators pick whose board.
 * Every change names the version it was made on: a stale one (409) says so and shows the board anew.
 */
import {
  Button, Card, Field, Input, makeStyles, Select, Text, Title3, tokens,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { User } from '../../../../shared/contract';
import {
  OPPORTUNITY_STAGES, OpportunitySchema, PipelineSchema, type CreateOpportunity, type Opportunity, type OpportunityStage, type UpdateOpportunity,
} from '../../../../shared/contract-sales';
import { formatEuros, parseEuros, type MoneyLanguage } from '../../../../shared/domain/money';
import { customerPath } from '../../../../shared/links';
import { ApiError } from '../../api/errors';
import { useApi } from '../../core/ApiContext';
import type { MessageId } from '../../core/i18n/catalogs';
import { useLanguage, useT } from '../../core/i18n/I18nProvider';
import { AppLink } from '../common/AppLink';
import { fieldProblem, problemText } from '../common/errors';
import { useFormats } from '../common/format';
import { useAssignees } from '../common/queries';
import { LoadProblem } from '../desk/AccountManagerDesk';
import { Page } from '../Page';
import { CustomerPicker, type CustomerRef } from '../tasks/CustomerPicker';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalM, maxWidth: '960px' },
  board: { display: 'grid', gridAutoFlow: 'column', gridAutoColumns: 'minmax(170px, 1fr)', gap: tokens.spacingHorizontalM, overflowX: 'auto', paddingBottom: tokens.spacingVerticalS },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0, listStyleType: 'none', margin: 0, padding: 0 },
  columnHead: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS, borderBottom: `2px solid ${tokens.colorBrandStroke1}` },
  muted: { color: tokens.colorNeutralForeground3 },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'break-word', hyphens: 'auto' },
  stageName: { margin: 0 },
});

const stageLabel = (stage: OpportunityStage): MessageId => `app.pipeline.stage.${stage}` as MessageId;
const pipelineKey = (ownerId: string) => ['pipeline', ownerId] as const;
const moneyLanguage = (language: string): MoneyLanguage => (language === 'fi' || language === 'sv' ? language : 'en');

export function PipelinePage({ me }: { me: User }) {
  const t = useT();
  const s = useStyles();
  const { http } = useApi();
  const { assignees } = useAssignees(me);
  const [ownerId, setOwnerId] = useState(me.id);
  const mayPick = me.role !== 'account_manager';
  const board = useQuery({
    queryKey: pipelineKey(ownerId),
    queryFn: ({ signal }) => http.request({ path: '/opportunities', query: { ownerId }, schema: PipelineSchema, signal }),
  });
  const euros = useEuros();
  return (
    <Page title={t('app.page.pipeline')}>
      <div className={s.bar}>
        {mayPick && (
          <Field label={t('app.pipeline.owner')}>
            <Select value={ownerId} onChange={(_, d) => setOwnerId(d.value)}>
              {assignees.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </Select>
          </Field>
        )}
      </div>
      {me.role !== 'management' && <NewOpportunity onAdded={() => void board.refetch()} />}
      {board.error && <LoadProblem error={board.error} onRetry={() => void board.refetch()} />}
      {board.data && (
        <div className={s.board} role="region" aria-label={t('app.pipeline.board')} tabIndex={0}>
          {OPPORTUNITY_STAGES.map((stage) => {
            const summary = board.data.stages.find((x) => x.stage === stage)!;
            const items = board.data.items.filter((o) => o.stage === stage);
            return (
              <section key={stage} aria-labelledby={`stage-${stage}`} data-stage={stage}>
                <div className={s.columnHead}>
                  <Text as="h2" id={`stage-${stage}`} size={400} weight="semibold" className={s.stageName}>{t(stageLabel(stage))}</Text>
                  <Text size={200}>{t('app.pipeline.columnSummary', { count: String(summary.count), value: euros(summary.valueCents) })}</Text>
                  <Text size={200} className={s.muted}>{t('app.pipeline.weighted', { value: euros(summary.weightedValueCents) })}</Text>
                </div>
                <ul className={s.column}>
                  {items.map((o) => <li key={o.id}><OpportunityCard opportunity={o} readOnly={me.role === 'management'} ownerId={ownerId} /></li>)}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </Page>
  );
}

function useEuros() {
  const language = moneyLanguage(useLanguage().language);
  return (cents: number) => formatEuros(cents, language);
}

function OpportunityCard({ opportunity: o, readOnly, ownerId }: { opportunity: Opportunity; readOnly: boolean; ownerId: string }) {
  const t = useT();
  const s = useStyles();
  const fmt = useFormats();
  const euros = useEuros();
  const { http } = useApi();
  const queries = useQueryClient();
  const [lostStage, setLostStage] = useState(false);
  const [reason, setReason] = useState('');
  const move = useMutation({
    mutationFn: (change: Omit<UpdateOpportunity, 'version'>) =>
      http.request({ method: 'PATCH', path: `/opportunities/${o.id}`, body: { version: o.version, ...change }, schema: OpportunitySchema }),
    onSettled: () => queries.invalidateQueries({ queryKey: pipelineKey(ownerId) }),
  });
  const stale = move.error instanceof ApiError && move.error.status === 409;
  return (
    <Card className={s.card} size="small">
      <Text className={s.title}>{o.title}</Text>
      <AppLink href={customerPath(o.organizationId)}>{o.organizationName}</AppLink>
      <Text size={200}>{t('app.pipeline.value', { value: euros(o.estimatedValueCents), probability: String(o.probabilityPct) })}</Text>
      <Text size={200} className={s.muted}>
        {o.expectedCloseOn ? t('app.pipeline.closes', { date: fmt.date(o.expectedCloseOn) }) : t('app.pipeline.noClose')}
      </Text>
      {o.stage === 'lost' && o.lostReason && <Text size={200}>{t('app.pipeline.lostReason', { reason: o.lostReason })}</Text>}
      {!readOnly && (
        <Field label={t('app.pipeline.stage')}>
          <Select
            value={lostStage ? 'lost' : o.stage}
            disabled={move.isPending}
            aria-label={t('app.pipeline.stageOf', { title: o.title })}
            onChange={(_, d) => {
              const stage = d.value as OpportunityStage;
              if (stage === 'lost') setLostStage(true);
              else {
                setLostStage(false);
                move.mutate({ stage });
              }
            }}
          >
            {OPPORTUNITY_STAGES.map((stage) => <option key={stage} value={stage}>{t(stageLabel(stage))}</option>)}
          </Select>
        </Field>
      )}
      {lostStage && (
        <form onSubmit={(e) => { e.preventDefault(); move.mutate({ stage: 'lost', lostReason: reason }); }}>
          <Field label={t('app.pipeline.lostReasonLabel')} required validationMessage={fieldProblem(t, move.error, 'lostReason')}>
            <Input value={reason} onChange={(_, d) => setReason(d.value)} required />
          </Field>
          <Button type="submit" appearance="primary" disabled={move.isPending}>{t('app.pipeline.markLost')}</Button>
        </form>
      )}
      <div role="status">
        {stale && <Text>{t('app.pipeline.stale')}</Text>}
        {move.error && !stale && !fieldProblem(t, move.error, 'lostReason') && <Text>{problemText(t, move.error)}</Text>}
      </div>
    </Card>
  );
}

function NewOpportunity({ onAdded }: { onAdded: () => void }) {
  const t = useT();
  const s = useStyles();
  const { http } = useApi();
  const [customer, setCustomer] = useState<CustomerRef | null>(null);
  const [title, setTitle] = useState('');
  const [value, setValue] = useState('');
  const [close, setClose] = useState('');
  const cents = value.trim() === '' ? 0 : parseEuros(value);
  const add = useMutation({
    mutationFn: (body: CreateOpportunity) => http.request({ method: 'POST', path: '/opportunities', body, schema: OpportunitySchema }),
    onSuccess: () => {
      setTitle('');
      setValue('');
      setClose('');
      onAdded();
    },
  });
  const valueProblem = cents === null ? t('app.pipeline.valueInvalid') : fieldProblem(t, add.error, 'estimatedValueCents');
  return (
    <form
      aria-labelledby="new-opportunity"
      onSubmit={(e) => {
        e.preventDefault();
        if (!customer || cents === null) return;
        add.mutate({ organizationId: customer.id, title, estimatedValueCents: cents, expectedCloseOn: close || null });
      }}
    >
      <Title3 as="h2" id="new-opportunity">{t('app.pipeline.new')}</Title3>
      <div className={s.form}>
        <CustomerPicker value={customer} onChange={setCustomer} validationMessage={fieldProblem(t, add.error, 'organizationId')} />
        <Field label={t('app.pipeline.title')} required validationMessage={fieldProblem(t, add.error, 'title')}>
          <Input value={title} onChange={(_, d) => setTitle(d.value)} required />
        </Field>
        <Field label={t('app.pipeline.estimatedValue')} hint={t('app.pipeline.valueHint')} validationMessage={valueProblem} validationState={valueProblem ? 'error' : 'none'}>
          <Input value={value} inputMode="decimal" onChange={(_, d) => setValue(d.value)} />
        </Field>
        <Field label={t('app.pipeline.expectedClose')} validationMessage={fieldProblem(t, add.error, 'expectedCloseOn')}>
          <Input type="date" value={close} onChange={(_, d) => setClose(d.value)} />
        </Field>
      </div>
      <Button type="submit" appearance="primary" disabled={add.isPending || !customer || title.trim() === '' || cents === null}>{t('app.pipeline.add')}</Button>
      <div role="status">{add.isSuccess && <Text>{t('app.pipeline.added', { title: add.data.title })}</Text>}</div>
    </form>
  );
}
