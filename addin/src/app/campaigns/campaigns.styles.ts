import { makeStyles, tokens } from '@fluentui/react-components';

export const useCampaignStyles = makeStyles({
  tabs: { flexWrap: 'wrap' },
  /** The texts beside their preview on a desktop, one under the other on a phone. */
  editor: {
    display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 320px), 1fr))', gap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalL, minWidth: 0,
  },
  preview: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0, padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium,
    alignSelf: 'start',
  },
  fields: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  fieldItem: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, maxWidth: '480px' },
  message: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM, minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium,
  },
  mailText: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: tokens.fontFamilyBase, margin: 0 },
  /** A header's name: a third of the table, its value the rest. */
  headerName: { width: '33%', overflowWrap: 'anywhere' },
  summary: { cursor: 'pointer', display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, overflowWrap: 'anywhere' },
});
