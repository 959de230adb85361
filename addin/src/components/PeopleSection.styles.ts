import { makeStyles, tokens } from '@fluentui/react-components';

export const usePeopleSectionStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  notice: {
    display: 'block',
  },
});
