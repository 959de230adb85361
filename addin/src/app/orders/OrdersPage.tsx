/**
 * The orders page (/app/orders): the orders in one state at a time (GET /orders?state=, newest
 * first), each moved to its next step on the version read (a stale one, 409, says so and shows the
 * orders as they are now); for admins the hand-off to invoicing: the export of the orders to be
 * invoiced and the import of the finance system's file that marks them invoiced.
 */
import { Button, Field, Tab, TabList, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { User } from '../../../../shared/contract';
import { ORDER_STATES, ORDER_STEPS, OrderListSchema, OrderSchema, type Order, type OrderState } from '../../../../shared/contract-sales';
import { customerPath } from '../../../../shared/links';
import { ApiError } from '../../api/errors';
import { saveBlob } from '../../api/request';
import { useApi } from '../../core/ApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { AppLink } from '../common/AppLink';
import { problemSentence } from '../common/errors';
import { useFormats } from '../common/format';
import { LoadProblem } from '../desk/AccountManagerDesk';
import { Page } from '../Page';
import { orderStateLabel, useEuros } from '../pipeline/sales';

interface InvoicedReport { invoiced: number; unchanged: number; problems: { line: number; orderId: string; reason: string }[] }

function StepButton({ order, onStale }: { order: Order; onStale: () => void }) {
  const t = useT();
  const { http } = useApi();
  const queries = useQueryClient();
  const next = ORDER_STEPS[order.state];
  const step = useMutation({
    mutationFn: () => http.request({ method: 'PATCH', path: `/orders/${encodeURIComponent(order.id)}`, body: { version: order.version, state: next }, schema: OrderSchema }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['orders'] }),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        onStale();
        void queries.invalidateQueries({ queryKey: ['orders'] });
      }
    },
  });
  if (!next) return null;
  return (
    <Button size="small" disabled={step.isPending} onClick={() => step.mutate()}>
      {t('app.sales.orderStepTo', { state: t(orderStateLabel(next)) })}
    </Button>
  );
}

function Invoicing() {
  const t = useT();
  const { http } = useApi();
  const queries = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const download = useMutation({
    mutationFn: async () => saveBlob(await http.download({ path: '/orders/invoicing.csv' }), 'laskutettavat.csv'),
  });
  const upload = useMutation({
    mutationFn: async () => (await http.upload({ path: '/orders/invoiced', file: file!, contentType: 'text/csv' })) as InvoicedReport,
    onSuccess: () => queries.invalidateQueries({ queryKey: ['orders'] }),
  });
  const report = upload.data;
  const error = download.error ?? upload.error;
  return (
    <section aria-labelledby="invoicing-title">
      <h2 id="invoicing-title">{t('app.orders.invoicing')}</h2>
      <Button disabled={download.isPending} onClick={() => download.mutate()}>{t('app.orders.export')}</Button>
      <Field label={t('app.orders.invoicedFile')}>
        <input type="file" accept=".csv,text/csv,text/plain" aria-label={t('app.orders.invoicedFile')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </Field>
      <Button disabled={!file || upload.isPending} onClick={() => upload.mutate()}>{t('app.orders.import')}</Button>
      {report && (
        <div role="status">
          <Text>{t('app.orders.imported', { invoiced: report.invoiced, unchanged: report.unchanged })}</Text>
          {report.problems.length > 0 && (
            <ul aria-label={t('app.orders.problems')}>
              {report.problems.map((p) => <li key={`${p.line}-${p.orderId}`}>{t('app.orders.problem', { line: p.line, id: p.orderId, reason: p.reason })}</li>)}
            </ul>
          )}
        </div>
      )}
      {error && <Text role="alert">{problemSentence(t, error)}</Text>}
    </section>
  );
}

export function OrdersPage({ me }: { me: User }) {
  const t = useT();
  const fmt = useFormats();
  const euros = useEuros();
  const { http } = useApi();
  const [state, setState] = useState<OrderState>('confirmed');
  const [stale, setStale] = useState(false);
  const orders = useQuery({
    queryKey: ['orders', state],
    queryFn: async ({ signal }) => (await http.request({ path: '/orders', query: { state }, schema: OrderListSchema, signal })).items,
  });
  /** Both days as a span, only the one known alone, none as a dash. */
  const delivery = (o: Order) => [o.deliveryStart, o.deliveryEnd].filter((d): d is string => d !== null).map((d) => fmt.day(d)).join(' – ') || '–';
  return (
    <Page title={t('app.page.orders')}>
      <TabList selectedValue={state} onTabSelect={(_, d) => { setState(d.value as OrderState); setStale(false); }} aria-label={t('app.orders.byState')}>
        {ORDER_STATES.map((s) => <Tab key={s} value={s}>{t(orderStateLabel(s))}</Tab>)}
      </TabList>
      {stale && <Text role="alert">{t('app.orders.stale')}</Text>}
      {orders.error && <LoadProblem error={orders.error} onRetry={() => void orders.refetch()} />}
      {orders.data && orders.data.length === 0 && <Text>{t('app.orders.none')}</Text>}
      {orders.data && orders.data.length > 0 && (
        <Table size="small" aria-label={t('app.orders.table', { state: t(orderStateLabel(state)) })}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('app.sales.orderNumber')}</TableHeaderCell>
              <TableHeaderCell>{t('app.orders.customer')}</TableHeaderCell>
              <TableHeaderCell>{t('app.sales.total')}</TableHeaderCell>
              <TableHeaderCell>{t('app.orders.delivery')}</TableHeaderCell>
              <TableHeaderCell>{t('app.sales.state')}</TableHeaderCell>
              <TableHeaderCell>{t('app.orders.next')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {orders.data.map((o) => (
              <TableRow key={o.id}>
                <TableCell>{o.number}</TableCell>
                <TableCell><AppLink href={customerPath(o.organizationId)}>{o.organizationName}</AppLink></TableCell>
                <TableCell>{euros(o.totals.gross)}</TableCell>
                <TableCell>{delivery(o)}</TableCell>
                <TableCell>{t(orderStateLabel(o.state))}</TableCell>
                <TableCell><StepButton order={o} onStale={() => setStale(true)} /></TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {me.role === 'admin' && <Invoicing />}
    </Page>
  );
}
