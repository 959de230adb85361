/**
 * The classification trees (for customers and for contacts): add a sub-classification, rename,
 * delete; a deletion the server refuses because records carry the node offers a node to move them to.
 */
import { Button, Field, Input, Select, Text, Title3 } from '@fluentui/react-components';
import { useState } from 'react';
import type { ClassificationNode } from '../../../../shared/contract-admin';
import { useAdminStyles } from './admin.styles';
import { useAdmin } from './AdminContext';
import { ApiError } from '../../api/errors';
import { useAsync } from './useAsync';

type Target = ClassificationNode['appliesTo'];
type Mode = 'rename' | 'addChild' | 'move' | 'reassign';
type Status = { ok: boolean; text: string } | null;
const TOP_LEVEL = 'top';

function descendantsOf(id: string, all: readonly ClassificationNode[]): Set<string> {
  const found = new Set<string>();
  const visit = (parent: string) => {
    for (const n of all) if (n.parentId === parent && !found.has(n.id)) { found.add(n.id); visit(n.id); }
  };
  visit(id);
  return found;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

interface TreeProps {
  nodes: ClassificationNode[];
  all: ClassificationNode[];
  /** After a change: reload the tree and announce what was done. */
  onChanged: (done: string) => void;
}

function NodeItem({ node, all, onChanged }: { node: ClassificationNode } & Omit<TreeProps, 'nodes'>) {
  const { api, t } = useAdmin();
  const s = useAdminStyles();
  const [mode, setMode] = useState<Mode | null>(null);
  const [text, setText] = useState('');
  const [target, setTarget] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const children = all.filter((n) => n.parentId === node.id).sort((a, b) => a.name.localeCompare(b.name));

  const open = (m: Mode) => {
    setMode(m);
    setText(m === 'rename' ? node.name : '');
    setTarget(m === 'move' ? (node.parentId ?? TOP_LEVEL) : '');
    setStatus(null);
  };
  async function run(action: () => Promise<string>) {
    setStatus(null);
    try {
      const done = await action();
      setMode(null);
      onChanged(done);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.fields.some((f) => f.path === 'reassignTo')) {
        setMode('reassign');
        setStatus({ ok: false, text: t.inUseReassign });
      } else {
        setStatus({ ok: false, text: errorText(e) });
      }
    }
  }
  const remove = (reassignTo?: string) =>
    run(async () => {
      const r = await api.deleteClassification(node.id, reassignTo);
      return `${t.deleted}: ${node.path}${r.reassigned ? ` (${r.reassigned} ${t.reassigned})` : ''}`;
    });
  const submit = () =>
    mode === 'rename'
      ? run(async () => `${t.saved}: ${(await api.renameClassification(node.id, text)).path}`)
      : mode === 'addChild'
        ? run(async () => `${t.added}: ${(await api.createClassification({ name: text, parentId: node.id, appliesTo: node.appliesTo })).path}`)
        : mode === 'move'
          ? run(async () => `${t.moved}: ${(await api.moveClassification(node.id, target === TOP_LEVEL ? null : target)).path}`)
          : target && remove(target);
  const targets = all.filter((n) => n.appliesTo === node.appliesTo && n.id !== node.id);
  // A node cannot move under itself or under one of its own descendants.
  const below = descendantsOf(node.id, all);
  const parents = targets.filter((n) => !below.has(n.id));

  return (
    <li>
      <div className={s.node}>
        <Text weight="semibold">{node.name}</Text>
        <Text className={s.muted}>{t.usage}: {node.usage}</Text>
        <Button size="small" aria-label={`${t.rename}: ${node.path}`} onClick={() => open('rename')}>{t.rename}</Button>
        <Button size="small" aria-label={`${t.addChild}: ${node.path}`} onClick={() => open('addChild')}>{t.addChild}</Button>
        <Button size="small" aria-label={`${t.move}: ${node.path}`} onClick={() => open('move')}>{t.move}</Button>
        <Button size="small" aria-label={`${t.remove}: ${node.path}`} onClick={() => void remove()}>{t.remove}</Button>
        {status && <Text role="status" className={status.ok ? s.ok : s.error}>{status.text}</Text>}
      </div>
      {mode && (
        <form
          className={s.row}
          aria-label={`${{ rename: t.rename, addChild: t.addChild, move: t.move, reassign: t.deleteAndReassign }[mode]}: ${node.path}`}
          onSubmit={(e) => { e.preventDefault(); void submit(); }}
        >
          {mode === 'move' ? (
            <Field label={`${t.newParent} (${node.path})`}>
              <Select value={target} onChange={(_, d) => setTarget(d.value)} required>
                <option value={TOP_LEVEL}>{t.topLevel}</option>
                {parents.map((n) => <option key={n.id} value={n.id}>{n.path}</option>)}
              </Select>
            </Field>
          ) : mode === 'reassign' ? (
            <Field label={`${t.reassignTo} (${node.path})`}>
              <Select value={target} onChange={(_, d) => setTarget(d.value)} required>
                <option value="">{t.choose}</option>
                {targets.map((n) => <option key={n.id} value={n.id}>{n.path}</option>)}
              </Select>
            </Field>
          ) : (
            <Field label={`${mode === 'rename' ? t.newName : t.childName} (${node.path})`}>
              <Input value={text} onChange={(_, d) => setText(d.value)} required />
            </Field>
          )}
          <Button appearance="primary" type="submit">
            {{ rename: t.save, addChild: t.add, move: t.move, reassign: t.deleteAndReassign }[mode]}
          </Button>
          <Button onClick={() => setMode(null)}>{t.cancel}</Button>
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
  const { api, t } = useAdmin();
  const s = useAdminStyles();
  const [name, setName] = useState('');
  const [appliesTo, setAppliesTo] = useState<Target>('organization');
  const [status, setStatus] = useState<Status>(null);
  async function submit() {
    setStatus(null);
    try {
      const created = await api.createClassification({ name, parentId: null, appliesTo });
      setName('');
      onAdded(`${t.added}: ${created.path}`);
    } catch (e) {
      setStatus({ ok: false, text: errorText(e) });
    }
  }
  return (
    <form className={s.row} aria-label={t.addRoot} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <Field label={t.addRoot}>
        <Input value={name} onChange={(_, d) => setName(d.value)} required />
      </Field>
      <Field label={t.appliesTo}>
        <Select value={appliesTo} onChange={(_, d) => setAppliesTo(d.value as Target)}>
          <option value="organization">{t.forCustomers}</option>
          <option value="contact">{t.forContacts}</option>
        </Select>
      </Field>
      <Button appearance="primary" type="submit">{t.add}</Button>
      {status && <Text role="status" className={status.ok ? s.ok : s.error}>{status.text}</Text>}
    </form>
  );
}

export function ClassificationsPage() {
  const { api, t } = useAdmin();
  const s = useAdminStyles();
  const list = useAsync(() => api.classifications(), []);
  const [done, setDone] = useState('');
  const changed = (text: string) => {
    setDone(text);
    list.reload();
  };
  const all = list.data ?? [];
  const roots = (target: Target) => all.filter((n) => n.appliesTo === target && n.parentId === null).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className={s.section} aria-labelledby="classifications-title">
      <Title3 id="classifications-title">{t.classificationTree}</Title3>
      {list.error && <Text role="alert" className={s.error}>{list.error}</Text>}
      <Text role="status" aria-live="polite" className={s.ok} data-testid="classification-status">{done}</Text>
      {(['organization', 'contact'] as const).map((target) => (
        <section key={target} className={s.section} aria-labelledby={`tree-${target}`}>
          <Text as="h3" weight="semibold" id={`tree-${target}`}>{target === 'organization' ? t.forCustomers : t.forContacts}</Text>
          <Tree nodes={roots(target)} all={all} onChanged={changed} />
        </section>
      ))}
      <AddRoot onAdded={changed} />
    </section>
  );
}
