/** The sign-in page: the email form in dev mode, a Microsoft button with Entra ID (the click lets MSAL open its popup). */
import { Button, Field, Input, Text, Title1 } from '@fluentui/react-components';
import { useState } from 'react';
import { useT } from '../core/i18n/I18nProvider';
import { useShellStyles } from './AppShell.styles';

export function SignIn(props: { mode: 'dev'; signIn: (email: string) => Promise<void>; problem?: string | null } | { mode: 'entra'; signIn: () => Promise<void>; problem?: string | null }) {
  const t = useT();
  const s = useShellStyles();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    setError(null);
    setBusy(true);
    try {
      if (props.mode === 'dev') await props.signIn(email);
      else await props.signIn();
    } catch (e) {
      setError(props.mode === 'entra' ? t('app.signIn.failed') : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  const problem = error ?? props.problem ?? null;
  return (
    <section className={s.page} aria-labelledby="page-title">
      <Title1 as="h1" id="page-title">{t('app.signIn.title')}</Title1>
      {props.mode === 'dev' ? (
        <form className={s.form} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <Text>{t('app.signIn.devIntro')}</Text>
          <Field label={t('app.signIn.email')}>
            <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} required />
          </Field>
          <div><Button appearance="primary" type="submit" disabled={busy}>{t('app.signIn.submit')}</Button></div>
        </form>
      ) : (
        <div className={s.form}>
          <Text>{t('app.signIn.entraIntro')}</Text>
          <div><Button appearance="primary" disabled={busy} onClick={() => void submit()}>{t('app.signIn.microsoft')}</Button></div>
        </div>
      )}
      {problem && <Text role="alert" className={s.error}>{problem}</Text>}
    </section>
  );
}
