import { useRef, useState } from 'react';
import { Button, Text, mergeClasses } from './fluent';
import type { Contact, LookupPerson } from '../../../shared/contract';
import { usePaneT } from '../core/i18n/I18nProvider';
import type { Participant } from '../mail/participants';
import { AddContactForm, FormSlot, SurveyLink } from './lazyForms';
import { SegmentBadge } from './SegmentBadge';
import { usePersonCardStyles } from './PersonCard.styles';

export interface PersonCardProps {
  participant: Participant;
  person: LookupPerson | undefined;
  onContactAdded: (contact: Contact) => void;
}

/** One person on the mail: a known contact, a colleague, a domain match, or unknown (with "Add contact"). */
export function PersonCard({ participant, person, onContactAdded }: PersonCardProps) {
  const t = usePaneT();
  const styles = usePersonCardStyles();
  const [adding, setAdding] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const match = person?.match ?? 'none';
  const organization = person?.organization;
  const name = person?.contact?.name || person?.colleague?.name || participant.displayName || participant.email;

  const matchText =
    match === 'contact' && organization ? t('pane.person.contactAt', { organization: organization.name })
      : match === 'colleague' ? t('pane.person.colleague')
      : match === 'domain' && organization ? t('pane.person.domainMatch', { organization: organization.name })
        : t('pane.person.unknown');

  const cancel = () => {
    setAdding(false);
    requestAnimationFrame(() => addButton.current?.focus());
  };

  return (
    <li className={styles.card}>
      <div className={styles.header}>
        <Text className={styles.name}>{name}</Text>
        {organization && <SegmentBadge segment={organization.segment} />}
      </div>
      {name !== participant.email && <Text className={styles.secondary}>{participant.email}</Text>}
      {person?.contact?.title && <Text>{person.contact.title}</Text>}
      <Text className={mergeClasses(styles.secondary, match === 'none' && styles.unknown)}>{matchText}</Text>
      {person?.contact && person.contact.classifications.length > 0 && (
        <Text className={styles.secondary}>
          {t('pane.person.classifications', { names: person.contact.classifications.map((c) => c.name).join(', ') })}
        </Text>
      )}
      {match === 'contact' && person?.contact && <FormSlot quiet><SurveyLink contactId={person.contact.id} /></FormSlot>}
      {match !== 'contact' && match !== 'colleague' && !adding && (
        <Button
          ref={addButton}
          className={styles.action}
          size="small"
          aria-label={t('pane.person.addContactFor', { name })}
          onClick={() => setAdding(true)}
        >
          {t('pane.person.addContact')}
        </Button>
      )}
      {adding && (
        <FormSlot>
          <AddContactForm
            participant={participant}
            person={person}
            onCancel={cancel}
            onSaved={(contact) => {
              setAdding(false);
              onContactAdded(contact);
            }}
          />
        </FormSlot>
      )}
    </li>
  );
}
