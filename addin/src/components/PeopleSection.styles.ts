import { makeStyles, tokens } from './fluent';

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
