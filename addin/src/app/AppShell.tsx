/**
 * The frame of every signed-in page: a skip link, the header (product name, the signed-in person,
 * the language switch, sign-out), the main navigation by role, and `<main>` with the page.
 * Landmarks header/nav/main; the navigation wraps on a narrow screen (down to 320 px).
 */
import { Button, mergeClasses, Select, Text } from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { User } from '../../../shared/contract';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../core/i18n/catalogs';
import { useCodeLabels } from '../core/i18n/codeLabels';
import { useLanguage, useT } from '../core/i18n/I18nProvider';
import { useShellStyles } from './AppShell.styles';
import { useOutbox } from './campaigns/campaignApi';
import { navFor } from './routes';

export function LanguageSwitch() {
  const t = useT();
  const s = useShellStyles();
  const id = useId();
  const { language, setLanguage } = useLanguage();
  return (
    <span className={s.user}>
      <label htmlFor={id} className={s.userName}>{t('app.language')}</label>
      <Select id={id} size="small" className={s.language} value={language} onChange={(_, d) => setLanguage?.(d.value as Language)}>
        {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>)}
      </Select>
    </span>
  );
}

const isActive = (location: string, path: string) => (path === '/' ? location === '/' : location === path || location.startsWith(`${path}/`));

export function AppShell({ me, onSignOut, children }: { me: User | null; onSignOut?: () => void; children: ReactNode }) {
  const t = useT();
  const s = useShellStyles();
  const labels = useCodeLabels();
  const [location] = useLocation();
  return (
    <div className={s.root}>
      <a className={s.skip} href="#main">{t('app.skipToContent')}</a>
      <header className={s.header}>
        <Link href="/" className={s.product}>{t('app.name')}</Link>
        <div className={s.user}>
          {me && <Text className={s.userName} data-testid="signed-in-as">{t('app.signedInAs', { name: me.name, role: labels.role(me.role) })}</Text>}
          <LanguageSwitch />
          {me && onSignOut && <Button size="small" onClick={onSignOut}>{t('app.signOut')}</Button>}
        </div>
      </header>
      {me && <MainNav me={me} location={location} />}
      <main id="main" tabIndex={-1} className={s.main}>{children}</main>
    </div>
  );
}

/** The navigation of a signed-in user (the development outbox only where the server has one). */
function MainNav({ me, location }: { me: User; location: string }) {
  const t = useT();
  const s = useShellStyles();
  const outbox = useOutbox();
  return (
    <nav className={s.nav} aria-label={t('app.mainNav')}>
      <ul className={s.navList}>
        {navFor(me.role, outbox.data?.enabled === true).map((item) => {
          const active = isActive(location, item.path);
          return (
            <li key={item.path}>
              <Link href={item.path} aria-current={active ? 'page' : undefined} className={mergeClasses(s.navLink, active && s.navLinkActive)}>
                {t(item.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
