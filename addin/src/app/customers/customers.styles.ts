import { makeStyles, tokens } from '@fluentui/react-components';

const NARROW = '@media (max-width: 700px)';

export const useCustomerStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  badges: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  filters: {
    display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS,
    border: 'none', margin: 0, padding: 0, minWidth: 0,
  },
  search: { flex: '1 1 280px', minWidth: 0 },
  field: { minWidth: 0 },
  wide: { [NARROW]: { display: 'none' } },
  narrow: { display: 'none', [NARROW]: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } },
  tableWrap: { overflowX: 'auto' },
  /** Fluent's table lays out fixed at 100%: on a phone its columns would overlap; any table with several columns scrolls in its wrapper instead. */
  planTable: { minWidth: '520px' },
  caption: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalM, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  subheading: { margin: 0, marginTop: tokens.spacingVerticalS },
  error: { color: tokens.colorPaletteRedForeground1 },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', gap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalL },
  dl: {
    display: 'grid', gridTemplateColumns: 'minmax(120px, max-content) 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, margin: 0,
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
    '& dt': { color: tokens.colorNeutralForeground3 },
  },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  entry: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  plannedEntry: { borderLeft: `4px solid ${tokens.colorBrandStroke1}` },
  entryHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  excerpt: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  dialogFields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  checks: { display: 'flex', flexDirection: 'column', maxHeight: '240px', overflowY: 'auto', border: 'none', margin: 0, padding: 0, minWidth: 0 },
  sortButton: { fontWeight: tokens.fontWeightSemibold, paddingInline: 0, minWidth: 0 },
});
