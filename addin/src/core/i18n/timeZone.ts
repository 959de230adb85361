/**
 * Outlook reports the user's zone as an IANA name on some clients and as a Windows zone
 * name on others. The pane needs an IANA name for Intl (I18nProvider's `timeZone`); Helsinki is the default.
 */
import { DEFAULT_TIME_ZONE } from '../../../../shared/domain/zonedTime';

const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  'FLE Standard Time': 'Europe/Helsinki',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'Romance Standard Time': 'Europe/Paris',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'Russian Standard Time': 'Europe/Moscow',
  'GTB Standard Time': 'Europe/Bucharest',
  'UTC': 'UTC',
  'Eastern Standard Time': 'America/New_York',
  'Pacific Standard Time': 'America/Los_Angeles',
};

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function resolveTimeZone(reported: string | null | undefined): string {
  const zone = reported?.trim() ?? '';
  if (zone === '') return DEFAULT_TIME_ZONE;
  const mapped = WINDOWS_ZONES[zone];
  if (mapped) return mapped;
  return isIanaZone(zone) ? zone : DEFAULT_TIME_ZONE;
}
