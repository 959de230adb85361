import { makeStyles, tokens } from '@fluentui/react-components';

export const useShellStyles = makeStyles({
  root: { minHeight: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2 },
  skip: {
    position: 'absolute', left: tokens.spacingHorizontalS, top: '-100px', zIndex: 10, padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorBrandForegroundLink,
    ':focus': { top: tokens.spacingVerticalS, outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  header: {
    display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalS, paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand,
  },
  product: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForegroundOnBrand, textDecorationLine: 'none' },
  user: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM, minWidth: 0 },
  userName: { color: tokens.colorNeutralForegroundOnBrand, overflowWrap: 'anywhere' },
  language: { minWidth: '120px' },
  nav: { backgroundColor: tokens.colorNeutralBackground1, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingInline: tokens.spacingHorizontalL },
  navList: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, listStyleType: 'none', margin: 0, padding: 0 },
  navLink: {
    display: 'inline-block', paddingBlock: tokens.spacingVerticalS, paddingInline: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground1, textDecorationLine: 'none', borderBottom: '3px solid transparent',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  navLinkActive: { borderBottomColor: tokens.colorBrandStroke1, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  main: { flex: '1 1 auto', outline: 'none' },
  page: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalL,
    maxWidth: '1200px', width: '100%', boxSizing: 'border-box', marginInline: 'auto',
  },
  // a long title ("Ylläpito: Hoitosuunnitelmat") breaks rather than widening a phone's page
  title: { overflowWrap: 'anywhere' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '420px' },
  error: { color: tokens.colorPaletteRedForeground1 },
  subNav: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, listStyleType: 'none', margin: 0, padding: 0, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
});
