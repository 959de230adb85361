import { useId, type ReactNode } from 'react';
import { useSectionStyles } from './Section.styles';

/** A titled region of the pane (a landmark screen readers can jump to). */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const styles = useSectionStyles();
  const headingId = useId();
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>{title}</h2>
      {children}
    </section>
  );
}
