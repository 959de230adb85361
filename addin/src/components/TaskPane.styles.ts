import { makeStyles, tokens } from './fluent';

export const useTaskPaneStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  /**
   * Outlook on iOS and Android: a finger needs 44 × 44 px (Apple's and WCAG 2.5.5's target size).
   * Every control of the pane, wherever it is drawn, gets that much; links become boxes so that their
   * height counts; a checkbox's whole row (its input covers it) is the target.
   */
  touch: {
    padding: tokens.spacingHorizontalS,
    '& button, & [role="button"], & input, & textarea, & select, & [role="combobox"]': { minHeight: '44px', minWidth: '44px' },
    '& a': { display: 'inline-flex', alignItems: 'center', minHeight: '44px', minWidth: '44px' },
    '& .fui-Checkbox, & .fui-Radio, & .fui-Switch': { minHeight: '44px', alignItems: 'center' },
    '& .fui-Checkbox__input, & .fui-Radio__input, & .fui-Switch__input': { minWidth: '44px' },
  },
});
