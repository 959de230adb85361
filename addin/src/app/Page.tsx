/** One page of the web app: its visible h1 (also the document title) and its content. */
import { Title1 } from '@fluentui/react-components';
import { useEffect, type ReactNode } from 'react';
import { useT } from '../core/i18n/I18nProvider';
import { useShellStyles } from './AppShell.styles';

export function Page({ title, children }: { title: string; children?: ReactNode }) {
  const s = useShellStyles();
  const t = useT();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className={s.page}>
      <Title1 as="h1" id="page-title" className={s.title}>{title}</Title1>
      {children}
    </div>
  );
}
