/**
 * Tracked conversations: every conversation whose later mails are logged on a customer by
 * themselves, who started it and when; an administrator stops any of them (the privacy control
 * of the feature: usecases/conversations).
 */
import {
  Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { TrackedConversation } from '../../../../shared/contract-conversations';
import { customerPath } from '../../../../shared/links';
import { useAdminApi } from '../../core/AdminApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { problemSentence } from '../common/errors';
import { useFormats } from '../common/format';
import { useAdminStyles } from './admin.styles';
import { LoadState } from './LoadState';
import { ADMIN_KEYS } from './queries';

function TrackingRow({ tracking }: { tracking: TrackedConversation }) {
  const t = useT();
  const s = useAdminStyles();
  const fmt = useFormats();
  const api = useAdminApi();
  const queries = useQueryClient();
  const stop = useMutation({
    mutationFn: () => api.stopTracking({ conversationId: tracking.conversationId, organizationId: tracking.organizationId }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ADMIN_KEYS.conversations }),
  });
  const subject = tracking.subject || '–';
  return (
    <TableRow>
      <TableCell>{subject}</TableCell>
      <TableCell><Link href={customerPath(tracking.organizationId)}>{tracking.organizationName}</Link></TableCell>
      <TableCell>{tracking.trackedBy.name}</TableCell>
      <TableCell>{fmt.dateTime(tracking.trackedAt)}</TableCell>
      <TableCell>
        <Button
          size="small"
          disabled={stop.isPending}
          aria-label={t('admin.conversations.stopLabel', { subject, customer: tracking.organizationName })}
          onClick={() => stop.mutate()}
        >
          {t('admin.conversations.stop')}
        </Button>
        <div role="status">{stop.error && <Text className={s.error}>{problemSentence(t, stop.error)}</Text>}</div>
      </TableCell>
    </TableRow>
  );
}

export function ConversationsPage() {
  const t = useT();
  const s = useAdminStyles();
  const api = useAdminApi();
  const list = useQuery({ queryKey: ADMIN_KEYS.conversations, queryFn: () => api.trackedConversations() });
  const items = list.data?.items ?? [];
  return (
    <section className={s.section} aria-labelledby="conversations-title">
      <Title3 as="h2" id="conversations-title">{t('admin.conversations.title')}</Title3>
      <Text>{t('admin.conversations.intro')}</Text>
      <LoadState query={list} />
      {list.isSuccess && items.length === 0 && <Text>{t('admin.conversations.none')}</Text>}
      {items.length > 0 && (
        <div className={s.tableWrap} tabIndex={0} /* a scrollable region must be reachable by keyboard */>
          <Table size="small" aria-labelledby="conversations-title">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('admin.conversations.subject')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.conversations.customer')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.conversations.trackedBy')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.conversations.since')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.conversations.stop')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((x) => <TrackingRow key={`${x.conversationId} ${x.organizationId}`} tracking={x} />)}
            </TableBody>
          </Table>
        </div>
      )}
      {list.data?.truncated && <Text>{t('admin.conversations.truncated', { count: String(items.length) })}</Text>}
    </section>
  );
}
