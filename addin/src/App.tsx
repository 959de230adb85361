import { FluentProvider, webDarkTheme, webLightTheme } from './components/fluent';
import { QueryClientProvider } from '@tanstack/react-query';
import { TaskPane } from './components/TaskPane';
import { ApiProvider } from './core/ApiContext';
import { paneLanguage } from './core/i18n/catalogs';
import { I18nProvider } from './core/i18n/I18nProvider';
import { PANE_CATALOGS } from './core/i18n/paneCatalogs';
import { resolveTimeZone } from './core/i18n/timeZone';
import { useHostTheme } from './hooks/useHostTheme';
import { HostProvider } from './office/HostContext';
import type { OutlookHost } from './office/types';
import { MailLoggerProvider } from './queue/MailLoggerContext';
import type { Services } from './services';

/**
 * The whole task pane, given an Outlook host and the services it talks to: the front end's one
 * i18n (the pane's catalogs in Outlook's display language and time zone) and one data layer
 * (TanStack Query over `useApi()`), as in the web app.
 */
export function App({ host, services }: { host: OutlookHost; services: Services }) {
  const theme = useHostTheme(host);
  const displayLanguage = host.displayLanguage();
  return (
    <FluentProvider theme={theme.isDark ? webDarkTheme : webLightTheme}>
      <I18nProvider
        catalogs={PANE_CATALOGS}
        language={paneLanguage(displayLanguage)}
        displayLanguage={displayLanguage}
        timeZone={resolveTimeZone(host.userProfile().timeZone)}
      >
        <QueryClientProvider client={services.queryClient}>
          <HostProvider host={host}>
            <ApiProvider api={services.api}>
              <MailLoggerProvider logger={services.logger}>
                <TaskPane />
              </MailLoggerProvider>
            </ApiProvider>
          </HostProvider>
        </QueryClientProvider>
      </I18nProvider>
    </FluentProvider>
  );
}
