/**
 * Administration → Pipeline stages (`GET`/`PUT /pipeline/stages`): the open stages in board order
 * with their names in fi/sv/en and default probability; move up and down, add one, take one out of
 * use. A saved stage is never removed (its opportunities keep its key); a new one gets its key from
 * its English name when saved. The whole list is saved on the version read: a change made
 * meanwhile is a 409 that says to load the stages again, never a silent overwrite.
 */
import {
  Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text,
} from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PipelineStagesSchema, type StageDefinition } from '../../../../shared/contract-sales';
import { ApiError } from '../../api/errors';
import { useApi } from '../../core/ApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { fieldProblem, otherProblems, problemSentence } from '../common/errors';
import { salesKeys, useStages } from '../pipeline/sales';
import { useAdminStyles } from './admin.styles';
import { LoadState } from './LoadState';

interface Row extends StageDefinition {
  /** Not saved yet: its key comes from its name, and it may still be removed. */
  isNew: boolean;
  probability: string;
}

const LANGS = ['fi', 'sv', 'en'] as const;
const NAME_COLUMN = { fi: 'admin.stages.nameFi', sv: 'admin.stages.nameSv', en: 'admin.stages.nameEn' } as const;

/** A key from a name, unique among `taken`: "Proposal in review" → `proposal_in_review`. */
export function stageKeyOf(name: string, taken: ReadonlySet<string>): string {
  const base = (name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(?=\d)/, 's_') || 'stage').slice(0, 36);
  let key = base === 'won' || base === 'lost' ? `${base}_stage` : base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

export function StagesPage() {
  const stages = useStages();
  const data = stages.query.data;
  // the version this page saved: "saved" shows until the stages change again (the editor below starts anew on every version)
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  if (!data) return <LoadState query={stages.query} size="medium" />;
  // a new editor for every version read: a reload or a save starts from what is stored
  return <StagesEditor key={data.version} version={data.version} stored={data.stages} saved={savedVersion === data.version} onSaved={setSavedVersion} />;
}

function StagesEditor({ version, stored, saved, onSaved }: {
  version: number; stored: readonly StageDefinition[]; saved: boolean; onSaved: (version: number) => void;
}) {
  const t = useT();
  const s = useAdminStyles();
  const { http } = useApi();
  const queries = useQueryClient();
  const [rows, setRows] = useState<Row[]>(() => stored.map((d) => ({ ...d, labels: { ...d.labels }, isNew: false, probability: String(d.probabilityPct) })));
  const [edited, setEdited] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const taken = new Set(rows.filter((r) => !r.isNew).map((r) => r.key));
      const list = rows.map((r) => {
        const key = r.isNew ? stageKeyOf(r.labels.en || r.labels.fi, taken) : r.key;
        taken.add(key);
        return { key, labels: r.labels, probabilityPct: Number(r.probability), active: r.active };
      });
      return http.request({ method: 'PUT', path: '/pipeline/stages', body: { version, stages: list }, schema: PipelineStagesSchema });
    },
    onSuccess: async (result) => {
      onSaved(result.version);
      queries.setQueryData(salesKeys.stages(), result);
      await queries.invalidateQueries({ queryKey: salesKeys.pipelines() });
    },
  });
  const stale = save.error instanceof ApiError && save.error.status === 409;
  const change = (i: number, patch: Partial<Row>) => {
    setEdited(true);
    setRows((list) => list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const move = (i: number, by: -1 | 1) => {
    setEdited(true);
    setRows((list) => {
      const next = [...list];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });
  };
  const name = (r: Row) => r.labels.en || r.labels.fi || t('admin.stages.new');
  const err = (i: number, path: string) => fieldProblem(t, save.error, `stages.${i}.${path}`);
  const shown = rows.flatMap((_, i) => [...LANGS.map((l) => `stages.${i}.labels.${l}`), `stages.${i}.probabilityPct`]);
  const others = otherProblems(t, save.error, ['version', ...shown]);
  return (
    <section className={s.section} aria-labelledby="stages-title">
      <Text as="h2" id="stages-title" size={500} weight="semibold">{t('admin.tab.stages')}</Text>
      <Text>{t('admin.stages.intro')}</Text>
      <form className={s.section} onSubmit={(e) => { e.preventDefault(); save.mutate(); }} noValidate>
        <div className={s.tableWrap} tabIndex={0} /* a scrollable region must be reachable by keyboard */>
          <Table size="small" aria-labelledby="stages-title">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('admin.stages.order')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.stages.nameFi')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.stages.nameSv')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.stages.nameEn')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.stages.probability')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.stages.active')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r, i) => (
                <TableRow key={r.isNew ? `new-${i}` : r.key} data-stage={r.key}>
                  <TableCell>
                    <Button size="small" appearance="subtle" disabled={i === 0} aria-label={t('admin.stages.up', { name: name(r) })} onClick={() => move(i, -1)}>↑</Button>
                    <Button size="small" appearance="subtle" disabled={i === rows.length - 1} aria-label={t('admin.stages.down', { name: name(r) })} onClick={() => move(i, 1)}>↓</Button>
                    {r.isNew && (
                      <Button size="small" appearance="subtle" aria-label={t('admin.stages.remove', { name: name(r) })} onClick={() => setRows((list) => list.filter((_, j) => j !== i))}>✕</Button>
                    )}
                  </TableCell>
                  {LANGS.map((lang) => (
                    <TableCell key={lang}>
                      <Field validationMessage={err(i, `labels.${lang}`)}>
                        <Input
                          aria-label={`${t(NAME_COLUMN[lang])}: ${name(r)}`}
                          value={r.labels[lang]}
                          maxLength={60}
                          onChange={(_, d) => change(i, { labels: { ...r.labels, [lang]: d.value } })}
                        />
                      </Field>
                    </TableCell>
                  ))}
                  <TableCell>
                    <Field validationMessage={err(i, 'probabilityPct')}>
                      <Input
                        className={s.numberInput}
                        aria-label={`${t('admin.stages.probability')}: ${name(r)}`}
                        type="number" min={0} max={100} value={r.probability}
                        onChange={(_, d) => change(i, { probability: d.value })}
                      />
                    </Field>
                  </TableCell>
                  <TableCell>
                    <Checkbox aria-label={`${t('admin.stages.active')}: ${name(r)}`} checked={r.active} onChange={(_, d) => change(i, { active: d.checked === true })} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        <div className={s.row}>
          <Button
            onClick={() => setRows((list) => [...list, { key: '', labels: { fi: '', sv: '', en: '' }, probabilityPct: 50, probability: '50', active: true, isNew: true }])}
          >
            {t('admin.stages.add')}
          </Button>
          <Button appearance="primary" type="submit" disabled={save.isPending}>{save.isPending ? t('admin.stages.saving') : t('admin.stages.save')}</Button>
        </div>
        <div role="status">{saved && !edited && <Text className={s.ok}>{t('admin.stages.saved')}</Text>}</div>
        {stale && (
          <MessageBar intent="warning">
            <MessageBarBody>
              {t('admin.stages.stale')}{' '}
              <Button size="small" onClick={() => void queries.invalidateQueries({ queryKey: salesKeys.stages() })}>{t('admin.stages.reload')}</Button>
            </MessageBarBody>
          </MessageBar>
        )}
        <div role="alert">
          {others.map((o, i) => <Text key={i} className={s.error}>{o}</Text>)}
          {save.error && !stale && others.length === 0 && !shown.some((path) => fieldProblem(t, save.error, path)) && (
            <Text className={s.error}>{problemSentence(t, save.error)}</Text>
          )}
        </div>
      </form>
    </section>
  );
}
