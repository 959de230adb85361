/**
 * The administrator's desktop (`GET /data-quality`): how many customers lack a responsible person,
 * a backup or a mail domain, contacts without an address, likely duplicates (each count links to
 * its sample list below), and the newest import's summary.
 */
import { Card, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title2, Title3 } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { DataQualitySchema, type DataQuality } from '../../../../shared/contract-admin';
import { adminPath, contactPath, customerPath } from '../../../../shared/links';
import { useApi } from '../../core/ApiContext';
import type { MessageId } from '../../core/i18n/catalogs';
import { useT } from '../../core/i18n/I18nProvider';
import { AppLink } from '../common/AppLink';
import { useFormats } from '../common/format';
import { Page } from '../Page';
import { LoadProblem } from './AccountManagerDesk';
import { useDeskStyles } from './desk.styles';

type Gap = 'withoutResponsible' | 'withoutBackup' | 'withoutDomain' | 'contactsWithoutEmail';
const GAPS: readonly Gap[] = ['withoutResponsible', 'withoutBackup', 'withoutDomain', 'contactsWithoutEmail'];

function Sample({ gap, data }: { gap: Gap; data: DataQuality }) {
  const t = useT();
  const s = useDeskStyles();
  const items = data.samples[gap];
  const count = data.counts[gap];
  return (
    <Card>
      <Title3 as="h3" id={`dq-${gap}`}>{t(`app.dq.${gap}` as MessageId)}</Title3>
      {items.length === 0 ? <Text>{t('app.dq.none')}</Text> : (
        <>
          {count > items.length && <Text size={200}>{t('app.dq.sampleOf', { shown: items.length, count })}</Text>}
          <ul className={s.sample} aria-labelledby={`dq-${gap}`}>
            {items.map((item) => (
              <li key={item.id}>
                {gap === 'contactsWithoutEmail'
                  ? <AppLink href={contactPath(item.id)}>{item.name}</AppLink>
                  : <AppLink href={customerPath(item.id)}>{item.name}</AppLink>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

export function DataQualityDesk() {
  const t = useT();
  const s = useDeskStyles();
  const fmt = useFormats();
  const { http } = useApi();
  const dq = useQuery({ queryKey: ['data-quality'], queryFn: ({ signal }) => http.request({ path: '/data-quality', schema: DataQualitySchema, signal }) });
  const data = dq.data;
  const imp = data?.latestImport;
  return (
    <Page title={t('app.page.desktop')}>
      <section className={s.section} aria-labelledby="dq-title">
        <Title2 as="h2" id="dq-title">{t('app.dq.title')}</Title2>
        <Text>{t('app.dq.intro')}</Text>
        {dq.isLoading && <Text role="status">{t('app.loading')}</Text>}
        {dq.error && <LoadProblem error={dq.error} onRetry={() => void dq.refetch()} />}
        {data && (
          <>
            <Table aria-labelledby="dq-title" data-testid="dq-counts">
              <TableHeader>
                <TableRow><TableHeaderCell>{t('app.dq.gap')}</TableHeaderCell><TableHeaderCell>{t('app.dq.count')}</TableHeaderCell></TableRow>
              </TableHeader>
              <TableBody>
                {[...GAPS, 'likelyDuplicates' as const].map((gap) => (
                  <TableRow key={gap}>
                    <TableCell><a href={`#dq-${gap}`}>{t(`app.dq.${gap}` as MessageId)}</a></TableCell>
                    <TableCell>{data.counts[gap]}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <div className={s.grid}>
              {GAPS.map((gap) => <Sample key={gap} gap={gap} data={data} />)}
            </div>
          </>
        )}
      </section>
      {data && (
        <section className={s.section} aria-labelledby="dq-likelyDuplicates">
          <Title2 as="h2" id="dq-likelyDuplicates">{t('app.dq.likelyDuplicates')}</Title2>
          {data.duplicates.length === 0 ? <Text>{t('app.dq.none')}</Text> : (
            <div className={s.grid}>
              {data.duplicates.map((group) => (
                <Card key={group.key}>
                  <Title3 as="h3">{t('app.dq.duplicateGroup', { key: group.key })}</Title3>
                  <ul className={s.sample}>
                    {group.organizations.map((o) => (
                      <li key={o.id}>
                        <AppLink href={customerPath(o.id)}>{o.name}</AppLink>
                        {o.businessId && <Text size={200} className={s.muted}> ({t('app.dq.businessId', { id: o.businessId })})</Text>}
                      </li>
                    ))}
                  </ul>
                </Card>
              ))}
            </div>
          )}
        </section>
      )}
      {data && (
        <section className={s.section} aria-labelledby="dq-import">
          <Title2 as="h2" id="dq-import">{t('app.dq.latestImport')}</Title2>
          {!imp ? <Text>{t('app.dq.noImport')}</Text> : (
            <Card>
              <Text data-testid="dq-import">{t('app.dq.importSummary', { date: fmt.dateTime(imp.createdAt), ...imp.summary })}</Text>
              <Text>{t('app.dq.importStatus', { status: imp.status })}</Text>
              {imp.dryRun && <Text>{t('app.dq.importDryRun')}</Text>}
            </Card>
          )}
          <AppLink href={adminPath('import')}>{t('app.dq.toImport')}</AppLink>
        </section>
      )}
    </Page>
  );
}
