/**
 * A selection's list operation "add to a campaign": the selection becomes one of a campaign's
 * target (or exclusion) selections, after the count is confirmed. The change is the campaign's own
 * edit on the version read (a campaign changed meanwhile is a 409: the list is read again and the
 * user confirms once more), so it is audited as a campaign change. Account managers see their
 * own planned and active campaigns; administrators every one.
 */
import { Button, Field, Link as FluentLink, Select, Text, makeStyles } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import type { User } from '../../../../shared/contract';
import type { Campaign } from '../../../../shared/contract-campaigns';
import type { Selection } from '../../../../shared/contract-selections';
import { campaignPath } from '../../../../shared/links';
import { ApiError } from '../../api/errors';
import { useT } from '../../core/i18n/I18nProvider';
import { problemSentence } from '../common/errors';
import { campaignKeys, useCampaignCalls } from '../campaigns/campaignApi';
import { useCampaignWords } from '../campaigns/campaignText';
import { useCustomerStyles } from '../customers/customers.styles';

type Role = 'target' | 'exclusion';

/** A long campaign name narrows its select to the page instead of widening the page. */
const useStyles = makeStyles({ select: { maxWidth: '100%' } });

export function AddToCampaign({ me, selection: x, count }: { me: User; selection: Selection; count: number }) {
  const t = useT();
  const s = useCustomerStyles();
  const own = useStyles();
  const w = useCampaignWords();
  const calls = useCampaignCalls();
  const queries = useQueryClient();
  const [campaignId, setCampaignId] = useState('');
  const [role, setRole] = useState<Role>('target');
  const [confirming, setConfirming] = useState(false);
  const campaigns = useQuery({ queryKey: campaignKeys.all(), queryFn: ({ signal }) => calls.list(signal) });
  const open = (campaigns.data?.items ?? []).filter(
    (c) => (c.status === 'planned' || c.status === 'active') && (me.role === 'admin' || c.owner.id === me.id),
  );
  const chosen = open.find((c) => c.id === campaignId);
  const already = (c: Campaign | undefined) => !!c && (c.targetSelectionIds.includes(x.id) || c.exclusionSelectionIds.includes(x.id));
  const add = useMutation({
    mutationFn: (c: Campaign) => calls.update(c.id, role === 'target'
      ? { version: c.version, targetSelectionIds: [...c.targetSelectionIds, x.id] }
      : { version: c.version, exclusionSelectionIds: [...c.exclusionSelectionIds, x.id] }),
    onSuccess: async () => {
      setConfirming(false);
      await queries.invalidateQueries({ queryKey: campaignKeys.all() });
    },
    onError: async () => {
      setConfirming(false);
      await queries.invalidateQueries({ queryKey: campaignKeys.all() });
    },
  });
  if (open.length === 0 && !add.data) return null;
  const stale = add.error instanceof ApiError && add.error.status === 409;
  const reset = () => { setConfirming(false); add.reset(); };
  return (
    <section className={s.section} aria-labelledby="sel-campaign">
      <Text as="h2" id="sel-campaign" size={400} weight="semibold">{t('app.sel.toCampaign')}</Text>
      <div className={s.row}>
        <Field label={t('app.sel.campaign')} className={s.field}>
          <Select className={own.select} value={campaignId} onChange={(_, d) => { setCampaignId(d.value); reset(); }}>
            <option value="">{t('app.sel.chooseCampaign')}</option>
            {open.map((c) => <option key={c.id} value={c.id}>{`${c.name} (${w.status(c.status)})`}</option>)}
          </Select>
        </Field>
        <Field label={t('app.sel.campaignRole')} className={s.field}>
          <Select className={own.select} value={role} onChange={(_, d) => { setRole(d.value as Role); reset(); }}>
            <option value="target">{t('app.sel.campaignTarget')}</option>
            <option value="exclusion">{t('app.sel.campaignExclusion')}</option>
          </Select>
        </Field>
        {!confirming
          ? <Button disabled={!chosen || already(chosen)} onClick={() => { add.reset(); setConfirming(true); }}>{t('app.sel.toCampaignStart')}</Button>
          : chosen && (
            <>
              <Text>{t(role === 'target' ? 'app.sel.toCampaignConfirmTarget' : 'app.sel.toCampaignConfirmExclusion', { count, name: chosen.name })}</Text>
              <Button appearance="primary" disabled={add.isPending} onClick={() => add.mutate(chosen)}>{t('app.sel.toCampaignDo')}</Button>
              <Button onClick={() => setConfirming(false)}>{t('app.cancel')}</Button>
            </>
          )}
      </div>
      <div role="status">
        {chosen && already(chosen) && !add.data && <Text>{t('app.sel.inCampaignAlready', { name: chosen.name })}</Text>}
        {add.data && (
          <Text>
            {t('app.sel.toCampaignDone', { name: add.data.name })}{' '}
            <Link href={campaignPath(add.data.id)} asChild><FluentLink>{t('app.sel.openCampaign')}</FluentLink></Link>
          </Text>
        )}
      </div>
      {add.error && <Text role="alert" className={s.error}>{stale ? t('app.sel.campaignStale') : problemSentence(t, add.error)}</Text>}
    </section>
  );
}
