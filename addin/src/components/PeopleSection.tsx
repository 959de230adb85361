import { useState } from 'react';
import { Text } from './fluent';
import type { LookupPerson } from '../../../shared/contract';
import { usePaneT } from '../core/i18n/I18nProvider';
import { personFor, type Participant } from '../mail/participants';
import { PersonCard } from './PersonCard';
import { Section } from './Section';
import { usePeopleSectionStyles } from './PeopleSection.styles';

export interface PeopleSectionProps {
  participants: readonly Participant[];
  people: readonly LookupPerson[];
}

/** Everyone on the mail except the signed-in user, as the lookup recognised them (a new contact makes the pane look everyone up again). */
export function PeopleSection({ participants, people }: PeopleSectionProps) {
  const t = usePaneT();
  const styles = usePeopleSectionStyles();
  const [added, setAdded] = useState<string | null>(null);

  return (
    <Section title={t('pane.people.heading')}>
      <Text role="status" className={styles.notice}>{added ? t('pane.addContact.saved', { name: added }) : ''}</Text>
      {participants.length === 0 ? (
        <Text>{t('pane.people.none')}</Text>
      ) : (
        <ul className={styles.list}>
          {participants.map((participant) => (
            <PersonCard
              key={participant.email}
              participant={participant}
              person={personFor(people, participant.email)}
              onContactAdded={(contact) => setAdded(contact.name)}
            />
          ))}
        </ul>
      )}
    </Section>
  );
}
