/** Care-plan rules: cadence and warning window per rule, saved at once; the status counts follow. */
import {
  Button, Input, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { CarePlanRuleView } from '../../../../shared/contract';
import { CUSTOMER_GROUP_FINNISH } from '../../../../shared/domain/codes';
import { useAdminStyles } from './admin.styles';
import { useAdmin } from './AdminContext';
import { useAsync } from './useAsync';

function RuleRow({ rule, onSaved }: { rule: CarePlanRuleView; onSaved: () => void }) {
  const { api, t, language } = useAdmin();
  const s = useAdminStyles();
  const [cadence, setCadence] = useState(String(rule.cadenceDays));
  const [warning, setWarning] = useState(String(rule.warningDays));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const dirty = cadence !== String(rule.cadenceDays) || warning !== String(rule.warningDays);
  const group = rule.customerGroup ? (language === 'fi' ? CUSTOMER_GROUP_FINNISH[rule.customerGroup] : rule.customerGroup) : t.allGroups;

  async function save() {
    try {
      await api.updateRule(rule.id, { cadenceDays: Number(cadence), warningDays: Number(warning) });
      setMessage({ ok: true, text: t.saved });
      onSaved();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  }
  return (
    <TableRow>
      <TableCell>{rule.segment}</TableCell>
      <TableCell>{group}</TableCell>
      <TableCell>{rule.label}</TableCell>
      <TableCell>{rule.actionKinds.join(', ')}</TableCell>
      <TableCell>
        <Input className={s.numberInput} type="number" min={1} value={cadence} aria-label={`${t.cadence}: ${rule.segment} ${rule.label}`} onChange={(_, d) => setCadence(d.value)} />
      </TableCell>
      <TableCell>
        <Input className={s.numberInput} type="number" min={0} value={warning} aria-label={`${t.warning}: ${rule.segment} ${rule.label}`} onChange={(_, d) => setWarning(d.value)} />
      </TableCell>
      <TableCell>
        <Button size="small" disabled={!dirty} onClick={() => void save()} aria-label={`${t.save}: ${rule.segment} ${rule.label}`}>{t.save}</Button>
        {message && <Text role="status" className={message.ok ? s.ok : s.error}> {message.text}</Text>}
      </TableCell>
    </TableRow>
  );
}

export function CarePlansPage() {
  const { api, t } = useAdmin();
  const s = useAdminStyles();
  const rules = useAsync(() => api.rules(), []);
  const status = useAsync(() => api.dashboard(1), []);
  const total = status.data?.compliance.total;
  return (
    <section className={s.section} aria-labelledby="rules-title">
      <Title3 id="rules-title">{t.rules}</Title3>
      {total && (
        <div className={s.summary} role="status" aria-label={t.statusNow} data-testid="status-counts">
          <Text>{t.statusNow}:</Text>
          <Text>{t.on_track}: <strong data-status="on_track">{total.onTrack}</strong></Text>
          <Text>{t.due_soon}: <strong data-status="due_soon">{total.dueSoon}</strong></Text>
          <Text>{t.overdue}: <strong data-status="overdue">{total.overdue}</strong></Text>
        </div>
      )}
      {rules.error && <Text role="alert" className={s.error}>{rules.error}</Text>}
      <div className={s.tableWrap}>
        <Table size="small" aria-label={t.rules}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t.segment}</TableHeaderCell>
              <TableHeaderCell>{t.customerGroup}</TableHeaderCell>
              <TableHeaderCell>{t.rule}</TableHeaderCell>
              <TableHeaderCell>{t.kinds}</TableHeaderCell>
              <TableHeaderCell>{t.cadence}</TableHeaderCell>
              <TableHeaderCell>{t.warning}</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {(rules.data ?? []).map((r) => (
              <RuleRow key={`${r.id}:${r.cadenceDays}:${r.warningDays}`} rule={r} onSaved={() => { rules.reload(); status.reload(); }} />
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
