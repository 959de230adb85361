import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { ServicesProvider, type Services } from './api/ServicesContext';
import { TaskPane } from './components/TaskPane';
import { useHostTheme } from './hooks/useHostTheme';
import { I18nProvider } from './i18n/I18nContext';
import { HostProvider } from './office/HostContext';
import type { OutlookHost } from './office/types';

/** The whole task pane, given an Outlook host and the services it talks to. */
export function App({ host, services }: { host: OutlookHost; services: Services }) {
  const theme = useHostTheme(host);
  return (
    <FluentProvider theme={theme.isDark ? webDarkTheme : webLightTheme}>
      <I18nProvider displayLanguage={host.displayLanguage()} timeZone={host.userProfile().timeZone}>
        <HostProvider host={host}>
          <ServicesProvider services={services}>
            <TaskPane />
          </ServicesProvider>
        </HostProvider>
      </I18nProvider>
    </FluentProvider>
  );
}
