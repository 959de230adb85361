import { useState } from 'react';
import { Text } from '@fluentui/react-components';
import type { Contact, LookupPerson } from '../../../shared/contract';
import { useI18n } from '../i18n/I18nContext';
import { personFor, type Participant } from '../mail/participants';
import { PersonCard } from './PersonCard';
import { Section } from './Section';
import { usePeopleSectionStyles } from './PeopleSection.styles';

export interface PeopleSectionProps {
  participants: readonly Participant[];
  people: readonly LookupPerson[];
  /** Called after a contact was created, so that the pane looks everyone up again. */
  onContactAdded: (contact: Contact) => void;
}

/** Everyone on the mail except the signed-in user, as the lookup recognised them. */
export function PeopleSection({ participants, people, onContactAdded }: PeopleSectionProps) {
  const { t } = useI18n();
  const styles = usePeopleSectionStyles();
  const [added, setAdded] = useState<string | null>(null);

  return (
    <Section title={t('people.heading')}>
      <Text role="status" className={styles.notice}>{added ? t('addContact.saved', { name: added }) : ''}</Text>
      {participants.length === 0 ? (
        <Text>{t('people.none')}</Text>
      ) : (
        <ul className={styles.list}>
          {participants.map((participant) => (
            <PersonCard
              key={participant.email}
              participant={participant}
              person={personFor(people, participant.email)}
              onContactAdded={(contact) => {
                setAdded(contact.name);
                onContactAdded(contact);
              }}
            />
          ))}
        </ul>
      )}
    </Section>
  );
}
