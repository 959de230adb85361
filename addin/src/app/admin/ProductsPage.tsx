/**
 * The training-product catalogue: the table (retired products too), Add product and Edit in a
 * dialog, Retire/Reactivate, the CSV export and a link to the Import page for products.
 */
import {
  Button, Dialog, makeStyles, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Select,
  Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { adminPath } from '../../../../shared/links';
import { PRODUCT_KINDS, PRODUCT_UNITS, type CreateProduct, type Product, type ProductKind, type ProductUnit } from '../../../../shared/contract-sales';
import { formatEuros, formatVatRate, parseEuros, VAT_RATES_BP } from '../../../../shared/domain/money';
import { saveBlob } from '../../api/request';
import { useAdminApi } from '../../core/AdminApiContext';
import type { MessageId } from '../../core/i18n/catalogs';
import { useLanguage, useT } from '../../core/i18n/I18nProvider';
import { fieldProblem, otherProblems, problemSentence } from '../common/errors';
import { useAdminStyles } from './admin.styles';
import { LoadState } from './LoadState';
import { ADMIN_KEYS } from './queries';

export const PRODUCT_KIND_LABEL: Record<ProductKind, MessageId> = {
  staff_training: 'admin.products.kind.staff_training',
  apprenticeship_training: 'admin.products.kind.apprenticeship_training',
  labour_market_training: 'admin.products.kind.labour_market_training',
  qualification: 'admin.products.kind.qualification',
  consulting: 'admin.products.kind.consulting',
  other: 'admin.products.kind.other',
};
export const PRODUCT_UNIT_LABEL: Record<ProductUnit, MessageId> = {
  participant: 'admin.products.unit.participant',
  day: 'admin.products.unit.day',
  group: 'admin.products.unit.group',
  hour: 'admin.products.unit.hour',
};

// Cells size to their text (Fluent's fixed layout let long Finnish words run over the next column);
// narrow screens scroll the table sideways in its wrapper.
const useProductStyles = makeStyles({ table: { tableLayout: 'auto', minWidth: '960px' }, nowrap: { whiteSpace: 'nowrap' } });

const SHOWN_FIELDS = ['code', 'name', 'kind', 'unit', 'unitPriceCents', 'vatRateBp'];

interface Draft {
  code: string; fi: string; sv: string; en: string; kind: ProductKind; unit: ProductUnit; price: string; vat: string;
}

function draftOf(p: Product | null, language: 'fi' | 'sv' | 'en'): Draft {
  if (!p) return { code: '', fi: '', sv: '', en: '', kind: 'staff_training', unit: 'participant', price: '', vat: '0' };
  return {
    code: p.code, fi: p.name.fi, sv: p.name.sv ?? '', en: p.name.en ?? '', kind: p.kind, unit: p.unit,
    price: formatEuros(p.unitPriceCents, language).replace(/\s*€\s*/, '').replace('€', ''), vat: String(p.vatRateBp),
  };
}

interface FormProps { product: Product | null; onClose: () => void; onSaved: (p: Product) => void }

/** The dialog stays mounted (so closing it gives the page back to assistive technology); its form starts afresh per product. */
function ProductDialog({ open, session, ...props }: FormProps & { open: boolean; session: number }) {
  return (
    <Dialog open={open} onOpenChange={(_, data) => { if (!data.open) props.onClose(); }}>
      <ProductForm key={session} {...props} />
    </Dialog>
  );
}

function ProductForm({ product, onClose, onSaved }: FormProps) {
  const t = useT();
  const s = useAdminStyles();
  const api = useAdminApi();
  const { language } = useLanguage();
  const queries = useQueryClient();
  const [d, setD] = useState<Draft>(() => draftOf(product, language));
  const [priceInvalid, setPriceInvalid] = useState(false);
  const set = (patch: Partial<Draft>) => setD((old) => ({ ...old, ...patch }));
  const save = useMutation({
    mutationFn: (body: CreateProduct) => (product ? api.updateProduct(product.id, body) : api.createProduct(body)),
    onSuccess: async (saved) => {
      await queries.invalidateQueries({ queryKey: ADMIN_KEYS.products });
      onSaved(saved);
    },
  });
  const submit = () => {
    const cents = parseEuros(d.price);
    setPriceInvalid(cents === null);
    if (cents === null) return;
    const body: CreateProduct = {
      code: d.code,
      name: { fi: d.fi, sv: d.sv.trim() || null, en: d.en.trim() || null },
      kind: d.kind, unit: d.unit, unitPriceCents: cents, vatRateBp: Number(d.vat) as CreateProduct['vatRateBp'],
    };
    save.mutate(body);
  };
  const err = (...f: string[]) => fieldProblem(t, save.error, ...f);
  const others = otherProblems(t, save.error, SHOWN_FIELDS);
  const title = product ? t('admin.products.editNamed', { code: product.code }) : t('admin.products.add');
  return (
      <DialogSurface aria-label={title}>
        <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={s.form}>
              <Field label={t('admin.products.code')} validationMessage={err('code')} required>
                <Input value={d.code} onChange={(_, v) => set({ code: v.value })} />
              </Field>
              <Field label={t('admin.products.nameFi')} validationMessage={err('name.fi')} required>
                <Input value={d.fi} onChange={(_, v) => set({ fi: v.value })} />
              </Field>
              <Field label={t('admin.products.nameSv')} validationMessage={err('name.sv')}>
                <Input value={d.sv} onChange={(_, v) => set({ sv: v.value })} />
              </Field>
              <Field label={t('admin.products.nameEn')} validationMessage={err('name.en')}>
                <Input value={d.en} onChange={(_, v) => set({ en: v.value })} />
              </Field>
              <Field label={t('admin.products.kind')} validationMessage={err('kind')}>
                <Select value={d.kind} onChange={(_, v) => set({ kind: v.value as ProductKind })}>
                  {PRODUCT_KINDS.map((k) => <option key={k} value={k}>{t(PRODUCT_KIND_LABEL[k])}</option>)}
                </Select>
              </Field>
              <Field label={t('admin.products.unit')} validationMessage={err('unit')}>
                <Select value={d.unit} onChange={(_, v) => set({ unit: v.value as ProductUnit })}>
                  {PRODUCT_UNITS.map((u) => <option key={u} value={u}>{t(PRODUCT_UNIT_LABEL[u])}</option>)}
                </Select>
              </Field>
              <Field
                label={t('admin.products.priceEuros')}
                hint={t('admin.products.priceHint')}
                validationMessage={priceInvalid ? t('admin.products.priceInvalid') : err('unitPriceCents')}
                required
              >
                <Input value={d.price} inputMode="decimal" onChange={(_, v) => set({ price: v.value })} />
              </Field>
              <Field label={t('admin.products.vat')} validationMessage={err('vatRateBp')}>
                <Select value={d.vat} onChange={(_, v) => set({ vat: v.value })}>
                  {VAT_RATES_BP.map((r) => <option key={r} value={String(r)}>{formatVatRate(r, language)}</option>)}
                </Select>
              </Field>
              <div role="alert">
                {others.map((o, i) => <Text key={i} className={s.error}>{o}</Text>)}
                {save.error && !others.length && !SHOWN_FIELDS.some((f) => err(f)) && <Text className={s.error}>{problemSentence(t, save.error)}</Text>}
              </div>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={save.isPending}>{t('admin.products.save')}</Button>
              <Button onClick={onClose}>{t('admin.products.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
  );
}

export function ProductsPage() {
  const t = useT();
  const s = useAdminStyles();
  const api = useAdminApi();
  const { language } = useLanguage();
  const ps = useProductStyles();
  const queries = useQueryClient();
  const list = useQuery({ queryKey: ADMIN_KEYS.products, queryFn: () => api.products() });
  const [editing, setEditingNow] = useState<Product | 'new' | null>(null);
  // each opening starts a fresh form
  const [session, setSession] = useState(0);
  const setEditing = (what: Product | 'new' | null) => { if (what) setSession((n) => n + 1); setEditingNow(what); };
  const [done, setDone] = useState('');
  const toggle = useMutation({
    mutationFn: (p: Product) => api.updateProduct(p.id, { active: !p.active }),
    onSuccess: async (p) => {
      await queries.invalidateQueries({ queryKey: ADMIN_KEYS.products });
      setDone(t(p.active ? 'admin.products.reactivated' : 'admin.products.retiredDone', { code: p.code }));
    },
  });
  const download = useMutation({
    mutationFn: async () => saveBlob(await api.exportProducts(language === 'fi' ? 'fi' : 'en'), 'products.csv'),
  });
  const items = [...(list.data ?? [])].sort((a, b) => a.code.localeCompare(b.code));
  const nameOf = (p: Product) => p.name[language] ?? p.name.fi;
  const error = toggle.error ?? download.error;
  return (
    <section className={s.section} aria-labelledby="products-title">
      <Title3 as="h2" id="products-title">{t('admin.products.title')}</Title3>
      <div className={s.row}>
        <Button appearance="primary" onClick={() => setEditing('new')}>{t('admin.products.add')}</Button>
        <Button disabled={download.isPending} onClick={() => download.mutate()}>{t('admin.products.export')}</Button>
        <Link href={`${adminPath('import')}?kind=products`}>{t('admin.products.importLink')}</Link>
      </div>
      <LoadState query={list} />
      <Text role="status" aria-live="polite" className={s.ok} data-testid="product-status">{done}</Text>
      <div role="alert">{error && <Text className={s.error}>{problemSentence(t, error)}</Text>}</div>
      {list.data && (
        <div className={s.tableWrap} tabIndex={0} /* a scrollable region must be reachable by keyboard */>
          <Table size="small" className={ps.table} aria-label={t('admin.products.title')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('admin.products.code')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.products.name')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.products.kind')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.products.unit')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.products.price')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.products.vat')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.products.state')}</TableHeaderCell>
                <TableHeaderCell>{t('admin.products.actions')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((p) => (
                <TableRow key={p.id} data-testid={`product-${p.code}`}>
                  <TableCell className={ps.nowrap}>{p.code}</TableCell>
                  <TableCell>{nameOf(p)}</TableCell>
                  <TableCell>{t(PRODUCT_KIND_LABEL[p.kind])}</TableCell>
                  <TableCell>{t(PRODUCT_UNIT_LABEL[p.unit])}</TableCell>
                  <TableCell className={ps.nowrap}>{formatEuros(p.unitPriceCents, language)}</TableCell>
                  <TableCell className={ps.nowrap}>{formatVatRate(p.vatRateBp, language)}</TableCell>
                  <TableCell>{p.active ? t('admin.products.active') : t('admin.products.retired')}</TableCell>
                  <TableCell>
                    <div className={s.node}>
                      <Button size="small" aria-label={t('admin.products.editNamed', { code: p.code })} onClick={() => setEditing(p)}>{t('admin.products.edit')}</Button>
                      <Button
                        size="small"
                        disabled={toggle.isPending}
                        aria-label={t(p.active ? 'admin.products.retireNamed' : 'admin.products.reactivateNamed', { code: p.code })}
                        onClick={() => toggle.mutate(p)}
                      >
                        {p.active ? t('admin.products.retire') : t('admin.products.reactivate')}
                      </Button>
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <ProductDialog
        open={editing !== null}
        session={session}
        product={editing === 'new' || editing === null ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(p) => { setEditing(null); setDone(t('admin.products.saved', { code: p.code })); }}
      />
    </section>
  );
}
