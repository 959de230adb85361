/**
 * The classification trees (for customers and for contacts): add a sub-classification, rename,
 * delete; a deletion the server refuses because records carry the node offers a node to move them to.
 */
import { Button, Field, Input, Select, Text, Title3 } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ClassificationNode } from '../../../../shared/contract-admin';
import { ApiError } from '../../api/errors';
import { useAdminApi } from '../../core/AdminApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { fieldProblem, problemSentence, problemText } from '../common/errors';
import { useAdminStyles } from './admin.styles';
import { LoadState } from './LoadState';
import { ADMIN_KEYS } from './queries';

type Target = ClassificationNode['appliesTo'];
type Mode = 'rename' | 'addChild' | 'move' | 'reassign';
const TOP_LEVEL = 'top';

function descendantsOf(id: string, all: readonly ClassificationNode[]): Set<string> {
  const found = new Set<string>();
  const visit = (parent: string) => {
    for (const n of all) if (n.parentId === parent && !found.has(n.id)) { found.add(n.id); visit(n.id); }
  };
  visit(id);
  return found;
}

interface TreeProps {
  nodes: ClassificationNode[];
  all: ClassificationNode[];
  /** After a change (the tree query is invalidated already): announce what was done. */
  onChanged: (done: string) => void;
}

const isInUse = (e: unknown) => e instanceof ApiError && e.status === 409 && e.fields.some((f) => f.path === 'reassignTo');

function NodeItem({ node, all, onChanged }: { node: ClassificationNode } & Omit<TreeProps, 'nodes'>) {
  const t = useT();
  const s = useAdminStyles();
  const api = useAdminApi();
  const queries = useQueryClient();
  const [mode, setMode] = useState<Mode | null>(null);
  const [text, setText] = useState('');
  const [target, setTarget] = useState('');
  const children = all.filter((n) => n.parentId === node.id).sort((a, b) => a.name.localeCompare(b.name));

  const change = useMutation({
    mutationFn: async (what: Mode | 'remove'): Promise<string> => {
      const path = node.path;
      if (what === 'rename') return t('admin.classifications.saved', { path: (await api.renameClassification(node.id, text)).path });
      if (what === 'addChild') return t('admin.classifications.added', { path: (await api.createClassification({ name: text, parentId: node.id, appliesTo: node.appliesTo })).path });
      if (what === 'move') return t('admin.classifications.moved', { path: (await api.moveClassification(node.id, target === TOP_LEVEL ? null : target)).path });
      const r = await api.deleteClassification(node.id, what === 'reassign' ? target : undefined);
      return r.reassigned ? t('admin.classifications.deletedMoved', { path, count: r.reassigned }) : t('admin.classifications.deleted', { path });
    },
    onSuccess: async (done) => {
      setMode(null);
      await queries.invalidateQueries({ queryKey: ADMIN_KEYS.classifications });
      onChanged(done);
    },
    onError: (e) => {
      if (isInUse(e)) { setMode('reassign'); setTarget(''); }
    },
  });

  const open = (m: Mode) => {
    setMode(m);
    setText(m === 'rename' ? node.name : '');
    setTarget(m === 'move' ? (node.parentId ?? TOP_LEVEL) : '');
    change.reset();
  };
  const submit = () => { if (mode && (mode !== 'reassign' || target)) change.mutate(mode); };
  const targets = all.filter((n) => n.appliesTo === node.appliesTo && n.id !== node.id);
  // A node cannot move under itself or under one of its own descendants.
  const below = descendantsOf(node.id, all);
  const parents = targets.filter((n) => !below.has(n.id));
  const formName = mode && {
    rename: t('admin.classifications.renameNamed', { path: node.path }),
    addChild: t('admin.classifications.addChildNamed', { path: node.path }),
    move: t('admin.classifications.moveNamed', { path: node.path }),
    reassign: t('admin.classifications.reassignNamed', { path: node.path }),
  }[mode];
  const submitLabel = mode && {
    rename: t('admin.classifications.save'),
    addChild: t('admin.classifications.add'),
    move: t('admin.classifications.move'),
    reassign: t('admin.classifications.deleteAndReassign'),
  }[mode];
  const problem = change.error ? (isInUse(change.error) ? t('admin.classifications.inUse') : problemSentence(t, change.error)) : null;

  return (
    <li>
      <div className={s.node}>
        <Text weight="semibold">{node.name}</Text>
        <Text className={s.muted}>{t('admin.classifications.usage', { count: node.usage })}</Text>
        <Button size="small" aria-label={t('admin.classifications.renameNamed', { path: node.path })} onClick={() => open('rename')}>{t('admin.classifications.rename')}</Button>
        <Button size="small" aria-label={t('admin.classifications.addChildNamed', { path: node.path })} onClick={() => open('addChild')}>{t('admin.classifications.addChild')}</Button>
        <Button size="small" aria-label={t('admin.classifications.moveNamed', { path: node.path })} onClick={() => open('move')}>{t('admin.classifications.move')}</Button>
        <Button size="small" aria-label={t('admin.classifications.removeNamed', { path: node.path })} disabled={change.isPending} onClick={() => change.mutate('remove')}>
          {t('admin.classifications.remove')}
        </Button>
        <div role="status">{problem && <Text className={s.error}>{problem}</Text>}</div>
      </div>
      {mode && (
        <form className={s.row} aria-label={formName ?? undefined} onSubmit={(e) => { e.preventDefault(); submit(); }}>
          {mode === 'move' ? (
            <Field label={t('admin.classifications.newParent', { path: node.path })}>
              <Select value={target} onChange={(_, d) => setTarget(d.value)} required>
                <option value={TOP_LEVEL}>{t('admin.classifications.topLevel')}</option>
                {parents.map((n) => <option key={n.id} value={n.id}>{n.path}</option>)}
              </Select>
            </Field>
          ) : mode === 'reassign' ? (
            <Field label={t('admin.classifications.reassignTo', { path: node.path })}>
              <Select value={target} onChange={(_, d) => setTarget(d.value)} required>
                <option value="">{t('admin.classifications.choose')}</option>
                {targets.map((n) => <option key={n.id} value={n.id}>{n.path}</option>)}
              </Select>
            </Field>
          ) : (
            <Field label={mode === 'rename' ? t('admin.classifications.newName', { path: node.path }) : t('admin.classifications.childName', { path: node.path })}>
              <Input value={text} onChange={(_, d) => setText(d.value)} required />
            </Field>
          )}
          <Button appearance="primary" type="submit" disabled={change.isPending}>{submitLabel}</Button>
          <Button onClick={() => { setMode(null); change.reset(); }}>{t('admin.classifications.cancel')}</Button>
        </form>
      )}
      {children.length > 0 && <Tree nodes={children} all={all} onChanged={onChanged} nested />}
    </li>
  );
}

function Tree({ nodes, all, onChanged, nested = false }: TreeProps & { nested?: boolean }) {
  const s = useAdminStyles();
  return (
    <ul className={nested ? s.tree : s.treeRoot}>
      {nodes.map((n) => <NodeItem key={n.id} node={n} all={all} onChanged={onChanged} />)}
    </ul>
  );
}

function AddRoot({ onAdded }: { onAdded: (done: string) => void }) {
  const t = useT();
  const s = useAdminStyles();
  const api = useAdminApi();
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const [appliesTo, setAppliesTo] = useState<Target>('organization');
  const add = useMutation({
    mutationFn: () => api.createClassification({ name, parentId: null, appliesTo }),
    onSuccess: async (created) => {
      setName('');
      await queries.invalidateQueries({ queryKey: ADMIN_KEYS.classifications });
      onAdded(t('admin.classifications.added', { path: created.path }));
    },
  });
  const nameError = fieldProblem(t, add.error, 'name');
  return (
    <form className={s.row} aria-label={t('admin.classifications.addRoot')} onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
      <Field label={t('admin.classifications.addRoot')} validationMessage={nameError}>
        <Input value={name} onChange={(_, d) => setName(d.value)} required />
      </Field>
      <Field label={t('admin.classifications.appliesTo')}>
        <Select value={appliesTo} onChange={(_, d) => setAppliesTo(d.value as Target)}>
          <option value="organization">{t('admin.classifications.forCustomers')}</option>
          <option value="contact">{t('admin.classifications.forContacts')}</option>
        </Select>
      </Field>
      <Button appearance="primary" type="submit" disabled={add.isPending}>{t('admin.classifications.add')}</Button>
      <div role="status">{add.error && !nameError && <Text className={s.error}>{problemText(t, add.error)}</Text>}</div>
    </form>
  );
}

export function ClassificationsPage() {
  const t = useT();
  const s = useAdminStyles();
  const api = useAdminApi();
  const list = useQuery({ queryKey: ADMIN_KEYS.classifications, queryFn: () => api.classifications() });
  const [done, setDone] = useState('');
  const all = list.data ?? [];
  const roots = (target: Target) => all.filter((n) => n.appliesTo === target && n.parentId === null).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className={s.section} aria-labelledby="classifications-title">
      <Title3 as="h2" id="classifications-title">{t('admin.classifications.title')}</Title3>
      <LoadState query={list} />
      <Text role="status" aria-live="polite" className={s.ok} data-testid="classification-status">{done}</Text>
      {(['organization', 'contact'] as const).map((target) => (
        <section key={target} className={s.section} aria-labelledby={`tree-${target}`}>
          <Text as="h3" weight="semibold" id={`tree-${target}`}>{target === 'organization' ? t('admin.classifications.forCustomers') : t('admin.classifications.forContacts')}</Text>
          <Tree nodes={roots(target)} all={all} onChanged={setDone} />
        </section>
      ))}
      <AddRoot onAdded={setDone} />
    </section>
  );
}
