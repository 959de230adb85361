/**
 * Previous and next page of a paged list (a selection's members or contacts, a mailing's
 * recipients): shown only when there is another page to go to.
 */
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useT } from '../../core/i18n/I18nProvider';

const useStyles = makeStyles({ row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM } });

export function PrevNext({ page, hasMore, onPage }: { page: number; hasMore: boolean | undefined; onPage: (page: number) => void }) {
  const t = useT();
  const s = useStyles();
  if (page <= 1 && !hasMore) return null;
  return (
    <div className={s.row}>
      <Button disabled={page <= 1} onClick={() => onPage(page - 1)}>{t('app.cust.prev')}</Button>
      <Button disabled={!hasMore} onClick={() => onPage(page + 1)}>{t('app.cust.next')}</Button>
    </div>
  );
}
