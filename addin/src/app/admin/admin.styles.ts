import { makeStyles, tokens } from '@fluentui/react-components';

export const useAdminStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalXL, maxWidth: '1200px', margin: '0 auto' },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  summary: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  error: { color: tokens.colorPaletteRedForeground1 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  chart: { width: '100%', height: '320px' },
  numberInput: { width: '90px' },
  // Narrow screens scroll a table sideways inside its box instead of squeezing its cells over each other.
  tableWrap: { overflowX: 'auto', maxWidth: '100%', '& table': { minWidth: '560px' } },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '480px' },
  // A list of choices in the page's column (a picker's flex basis would be its height there).
  choices: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  picker: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: '320px', flex: '1 1 320px' },
  muted: { color: tokens.colorNeutralForeground3 },
  tree: { listStyleType: 'none', margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  treeRoot: { listStyleType: 'none', margin: 0, padding: 0 },
  node: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, paddingBlock: tokens.spacingVerticalXXS },
});
