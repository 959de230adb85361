import { makeStyles } from '@fluentui/react-components';

export const useSurveyStyles = makeStyles({
  /** A select as wide as its field, never its longest option (the survey types are long on a phone). */
  select: { minWidth: 0, maxWidth: '100%', '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' } },
});
