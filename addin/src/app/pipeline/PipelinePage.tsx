/**
 * `/app/pipeline`: one owner's opportunities as a board, a column per stage with its count, value
 * and value weighted by probability. A card moves to another stage with its "Stage" select (the
 * keyboard's and the screen reader's way; a lost one asks why). A new opportunity is added on a
 * customer from the form above the board (./NewOpportunity); a card's title opens the opportunity's
 * page. Management and administrators pick whose board. The same opportunities show as a list
 * instead when asked, and both narrow to one stage or to those expected to close in a month.
 * Every change names the version it was made on: a stale one (409) says so and shows the board anew.
 */
import {
  Button, Card, Field, Input, makeStyles, Select, Text, tokens,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { User } from '../../../../shared/contract';
import {
  OpportunitySchema, PipelineSchema, type Opportunity, type OpportunityStage, type UpdateOpportunity,
} from '../../../../shared/contract-sales';
import { customerPath, opportunityPath } from '../../../../shared/links';
import { ApiError } from '../../api/errors';
import { useApi } from '../../core/ApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { AppLink } from '../common/AppLink';
import { fieldProblem, problemText } from '../common/errors';
import { useFormats } from '../common/format';
import { useAssignees } from '../common/queries';
import { LoadProblem } from '../desk/AccountManagerDesk';
import { Page } from '../Page';
import { NewOpportunity } from './NewOpportunity';
import { OpportunityTable } from './SalesTables';
import { invalidateOpportunity, salesKeys, useEuros, useStages } from './sales';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  board: { display: 'grid', gridAutoFlow: 'column', gridAutoColumns: 'minmax(170px, 1fr)', gap: tokens.spacingHorizontalM, overflowX: 'auto', paddingBottom: tokens.spacingVerticalS },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0, listStyleType: 'none', margin: 0, padding: 0 },
  columnHead: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS, borderBottom: `2px solid ${tokens.colorBrandStroke1}` },
  muted: { color: tokens.colorNeutralForeground3 },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'break-word', hyphens: 'auto' },
  stageName: { margin: 0 },
  list: { overflowX: 'auto' },
  listTable: { minWidth: '480px' },
});

const pipelineKey = salesKeys.pipeline;

export function PipelinePage({ me }: { me: User }) {
  const t = useT();
  const s = useStyles();
  const { http } = useApi();
  const { assignees } = useAssignees(me);
  const [ownerId, setOwnerId] = useState(me.id);
  const [view, setView] = useState<'board' | 'list'>('board');
  const [stage, setStage] = useState<OpportunityStage | ''>('');
  const [closeMonth, setCloseMonth] = useState('');
  const mayPick = me.role !== 'account_manager';
  const filters = { ...(stage && { stage }), ...(/^\d{4}-\d{2}$/.test(closeMonth) && { closeMonth }) };
  const board = useQuery({
    queryKey: [...pipelineKey(ownerId), filters],
    queryFn: ({ signal }) => http.request({ path: '/opportunities', query: { ownerId, ...filters }, schema: PipelineSchema, signal }),
  });
  const stages = useStages();
  const shown = stage ? [stage] : board.data?.stages.map((x) => x.stage) ?? [];
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
        <Field label={t('app.pipeline.view')}>
          <Select value={view} onChange={(_, d) => setView(d.value as 'board' | 'list')}>
            <option value="board">{t('app.pipeline.viewBoard')}</option>
            <option value="list">{t('app.pipeline.viewList')}</option>
          </Select>
        </Field>
        <Field label={t('app.pipeline.stageFilter')}>
          <Select value={stage} onChange={(_, d) => setStage(d.value as OpportunityStage | '')}>
            <option value="">{t('app.pipeline.allStages')}</option>
            {[...stages.definitions.map((d) => d.key), 'won', 'lost'].map((x) => <option key={x} value={x}>{stages.label(x)}</option>)}
          </Select>
        </Field>
        <Field label={t('app.pipeline.closeMonth')}>
          <Input type="month" value={closeMonth} onChange={(_, d) => setCloseMonth(d.value)} />
        </Field>
      </div>
      {me.role !== 'management' && <NewOpportunity onAdded={() => void board.refetch()} />}
      {board.error && <LoadProblem error={board.error} onRetry={() => void board.refetch()} />}
      {board.data && view === 'list' && (
        board.data.items.length === 0 ? <Text>{t('app.pipeline.noMatches')}</Text> : (
          <div className={s.list} role="region" aria-label={t('app.pipeline.listView')} tabIndex={0}>
            <OpportunityTable opportunities={board.data.items} className={s.listTable} />
          </div>
        )
      )}
      {board.data && view === 'board' && (
        <div className={s.board} role="region" aria-label={t('app.pipeline.board')} tabIndex={0}>
          {shown.map((stage) => {
            const summary = board.data.stages.find((x) => x.stage === stage)!;
            const items = board.data.items.filter((o) => o.stage === stage);
            return (
              <section key={stage} aria-labelledby={`stage-${stage}`} data-stage={stage}>
                <div className={s.columnHead}>
                  <Text as="h2" id={`stage-${stage}`} size={400} weight="semibold" className={s.stageName}>{stages.label(stage)}</Text>
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

function OpportunityCard({ opportunity: o, readOnly, ownerId }: { opportunity: Opportunity; readOnly: boolean; ownerId: string }) {
  const t = useT();
  const s = useStyles();
  const fmt = useFormats();
  const euros = useEuros();
  const stages = useStages();
  const { http } = useApi();
  const queries = useQueryClient();
  const [lostStage, setLostStage] = useState(false);
  const [reason, setReason] = useState('');
  const move = useMutation({
    mutationFn: (change: Omit<UpdateOpportunity, 'version'>) =>
      http.request({ method: 'PATCH', path: `/opportunities/${o.id}`, body: { version: o.version, ...change }, schema: OpportunitySchema }),
    onSettled: () => Promise.all([queries.invalidateQueries({ queryKey: pipelineKey(ownerId) }), invalidateOpportunity(queries, o)]),
  });
  const stale = move.error instanceof ApiError && move.error.status === 409;
  return (
    <Card className={s.card} size="small">
      <AppLink href={opportunityPath(o.id)} className={s.title}>{o.title}</AppLink>
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
            {stages.choices(o.stage).map((stage) => <option key={stage} value={stage}>{stages.label(stage)}</option>)}
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
