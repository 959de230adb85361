import { makeStyles, tokens } from '@fluentui/react-components';

export const useReportStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, minWidth: 0 },
  period: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  monthInput: { width: '11rem', maxWidth: '100%' },
  section: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0,
    paddingBlock: tokens.spacingVerticalM, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  help: { color: tokens.colorNeutralForeground2, maxWidth: '70ch' },
  tabs: { flexWrap: 'wrap' },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  chart: { width: '100%', height: '340px', minWidth: 0 },
  // Visually hidden, still read by screen readers; `contain` keeps the wide table inside from counting as the page's overflow.
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', contain: 'strict' },
  // Narrow screens scroll the table sideways inside its box instead of cutting it off.
  tableWrap: { overflowX: 'auto', maxWidth: '100%' },
  table: {
    borderCollapse: 'collapse', minWidth: '100%', fontSize: tokens.fontSizeBase200,
    '& th, & td': { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, whiteSpace: 'nowrap' },
    '& thead th': { textAlign: 'end', fontWeight: tokens.fontWeightSemibold, verticalAlign: 'bottom' },
    '& thead th:first-child, & tbody th': { textAlign: 'start', fontWeight: tokens.fontWeightRegular },
    '& td': { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
    '& tbody tr:last-child': { fontWeight: tokens.fontWeightSemibold },
    '& tbody tr:last-child th': { fontWeight: tokens.fontWeightSemibold },
  },
  caption: { textAlign: 'start', fontWeight: tokens.fontWeightSemibold, paddingBlockEnd: tokens.spacingVerticalS, whiteSpace: 'normal' },
  error: { color: tokens.colorPaletteRedForeground1 },
});
