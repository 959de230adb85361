/** The admin pages' words in Finnish, Swedish and English (English is the fallback). */
export type Language = 'fi' | 'sv' | 'en';

const en = {
  title: 'Asiakkuus administration',
  signIn: 'Sign in',
  signInEmail: 'Your work email',
  signOut: 'Sign out',
  signInNeeded: 'Sign in with an administrator or management account.',
  entraSignIn: 'This server signs in with Microsoft Entra ID: open the pages from Outlook or ask the administrator.',
  tabImport: 'Import', tabCarePlans: 'Care plans', tabDashboard: 'Dashboard',
  importKind: 'What the file holds', organizations: 'Customers', contacts: 'Contacts',
  chooseFile: 'CSV file', dryRun: 'Check (dry run)', runImport: 'Import', exportCsv: 'Export as CSV',
  uploading: 'Sending the file', importing: 'Importing', report: 'Report', dryRunReport: 'Dry run report (nothing was changed)',
  created: 'Created', updated: 'Updated', unchanged: 'Unchanged', errors: 'Errors',
  line: 'Line', status: 'Status', key: 'Key', problems: 'Problems', column: 'Column',
  onlyErrors: 'Show errors only',
  rules: 'Care-plan rules', segment: 'Segment', customerGroup: 'Customer group', rule: 'Rule', kinds: 'Kinds of contact',
  cadence: 'Cadence (days)', warning: 'Warning (days)', firstWithin: 'First contact within (days)', save: 'Save', saved: 'Saved',
  allGroups: 'All groups', statusNow: 'Customers by care-plan status now',
  on_track: 'On track', due_soon: 'Due soon', overdue: 'Overdue', noPlan: 'No plan', total: 'Total',
  complianceByManager: 'Care-plan compliance per account manager', complianceBySegment: 'Care-plan compliance per segment',
  overdueList: 'Overdue customers', responsible: 'Responsible', dueAt: 'Was due', customer: 'Customer',
  activityByManager: 'Actions logged per week per account manager', activityByDepartment: 'Actions logged per week per department',
  week: 'Week', manager: 'Account manager', department: 'Department', unassigned: 'Unassigned', showTable: 'Show as table', showChart: 'Show as chart',
  loading: 'Loading…', retry: 'Try again',
};

export type Messages = typeof en;

const fi: Messages = {
  title: 'Asiakkuuden ylläpito',
  signIn: 'Kirjaudu', signInEmail: 'Työsähköpostisi', signOut: 'Kirjaudu ulos',
  signInNeeded: 'Kirjaudu pääkäyttäjän tai johdon tunnuksella.',
  entraSignIn: 'Palvelin käyttää Microsoft Entra ID -kirjautumista: avaa sivut Outlookista tai kysy pääkäyttäjältä.',
  tabImport: 'Tuonti', tabCarePlans: 'Hoitosuunnitelmat', tabDashboard: 'Johdon näkymä',
  importKind: 'Tiedoston sisältö', organizations: 'Asiakkaat', contacts: 'Yhteyshenkilöt',
  chooseFile: 'CSV-tiedosto', dryRun: 'Tarkista (koeajo)', runImport: 'Tuo', exportCsv: 'Vie CSV-tiedostoksi',
  uploading: 'Lähetetään tiedostoa', importing: 'Tuodaan', report: 'Raportti', dryRunReport: 'Koeajon raportti (mitään ei muutettu)',
  created: 'Luotu', updated: 'Päivitetty', unchanged: 'Ennallaan', errors: 'Virheet',
  line: 'Rivi', status: 'Tila', key: 'Tunniste', problems: 'Ongelmat', column: 'Sarake',
  onlyErrors: 'Näytä vain virheet',
  rules: 'Hoitosuunnitelman säännöt', segment: 'Segmentti', customerGroup: 'Asiakasryhmä', rule: 'Sääntö', kinds: 'Yhteydenpidon tavat',
  cadence: 'Väli (päivää)', warning: 'Varoitus (päivää)', firstWithin: 'Ensimmäinen yhteys (päivää)', save: 'Tallenna', saved: 'Tallennettu',
  allGroups: 'Kaikki ryhmät', statusNow: 'Asiakkaat hoitosuunnitelman tilan mukaan nyt',
  on_track: 'Ajallaan', due_soon: 'Erääntymässä', overdue: 'Myöhässä', noPlan: 'Ei suunnitelmaa', total: 'Yhteensä',
  complianceByManager: 'Hoitosuunnitelman toteutuminen asiakasvastaavittain', complianceBySegment: 'Hoitosuunnitelman toteutuminen segmenteittäin',
  overdueList: 'Myöhässä olevat asiakkaat', responsible: 'Vastuuhenkilö', dueAt: 'Erääntyi', customer: 'Asiakas',
  activityByManager: 'Kirjatut toimenpiteet viikoittain asiakasvastaavittain', activityByDepartment: 'Kirjatut toimenpiteet viikoittain osastoittain',
  week: 'Viikko', manager: 'Asiakasvastaava', department: 'Osasto', unassigned: 'Ei vastuuhenkilöä', showTable: 'Näytä taulukkona', showChart: 'Näytä kaaviona',
  loading: 'Ladataan…', retry: 'Yritä uudelleen',
};

const sv: Messages = {
  ...en,
  title: 'Asiakkuus administration',
  signIn: 'Logga in', signInEmail: 'Din e-post', signOut: 'Logga ut',
  tabImport: 'Import', tabCarePlans: 'Vårdplaner', tabDashboard: 'Översikt',
  organizations: 'Kunder', contacts: 'Kontaktpersoner', dryRun: 'Kontrollera (provkörning)', runImport: 'Importera', exportCsv: 'Exportera som CSV',
  created: 'Skapade', updated: 'Uppdaterade', unchanged: 'Oförändrade', errors: 'Fel', line: 'Rad', status: 'Status',
  segment: 'Segment', customerGroup: 'Kundgrupp', cadence: 'Intervall (dagar)', warning: 'Varning (dagar)', save: 'Spara', saved: 'Sparat',
  on_track: 'I tid', due_soon: 'Snart förfallen', overdue: 'Försenad', total: 'Totalt',
  overdueList: 'Försenade kunder', responsible: 'Ansvarsperson', customer: 'Kund', week: 'Vecka', department: 'Avdelning',
  loading: 'Laddar…',
};

export const CATALOGS: Record<Language, Messages> = { fi, sv, en };

export function languageOf(tag: string): Language {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return primary === 'fi' || primary === 'sv' ? primary : 'en';
}
