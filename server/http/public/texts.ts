/** The public pages' shared sentences in Finnish, Swedish and English; each page adds its own. */
import type { Language } from '../../../shared/domain/codes';

export interface PublicTexts {
  notFoundTitle: string;
  notFoundBody: string;
  badRequestTitle: string;
  badRequestBody: string;
  tooManyTitle: string;
  tooManyBody: string;
  failedTitle: string;
  failedBody: string;
  /** The link is not valid: altered, cut short or never made by us. */
  forgedTitle: string;
  forgedBody: string;
  expiredTitle: string;
  expiredBody: string;
}

export const PUBLIC_TEXTS: Readonly<Record<Language, PublicTexts>> = {
  fi: {
    notFoundTitle: 'Sivua ei löydy',
    notFoundBody: 'Tarkista osoite. Jos tulit sähköpostin linkistä, avaa linkki uudelleen viestistä.',
    badRequestTitle: 'Pyyntöä ei voitu käsitellä',
    badRequestBody: 'Lomakkeen tiedot olivat puutteelliset. Palaa takaisin ja yritä uudelleen.',
    tooManyTitle: 'Liian monta pyyntöä',
    tooManyBody: 'Odota hetki ja yritä sitten uudelleen.',
    failedTitle: 'Jokin meni vikaan',
    failedBody: 'Pyyntöäsi ei voitu käsitellä juuri nyt. Yritä myöhemmin uudelleen.',
    forgedTitle: 'Linkki ei kelpaa',
    forgedBody: 'Linkki on muuttunut tai katkennut. Avaa linkki uudelleen alkuperäisestä sähköpostiviestistä.',
    expiredTitle: 'Linkki on vanhentunut',
    expiredBody: 'Tämän linkin voimassaolo on päättynyt. Ota tarvittaessa yhteyttä yhteyshenkilöösi oppilaitoksessa.',
  },
  sv: {
    notFoundTitle: 'Sidan hittades inte',
    notFoundBody: 'Kontrollera adressen. Om du kom via en länk i e-post, öppna länken igen från meddelandet.',
    badRequestTitle: 'Begäran kunde inte behandlas',
    badRequestBody: 'Formulärets uppgifter var ofullständiga. Gå tillbaka och försök igen.',
    tooManyTitle: 'För många förfrågningar',
    tooManyBody: 'Vänta en stund och försök sedan igen.',
    failedTitle: 'Något gick fel',
    failedBody: 'Din begäran kunde inte behandlas just nu. Försök igen senare.',
    forgedTitle: 'Länken är ogiltig',
    forgedBody: 'Länken har ändrats eller brutits av. Öppna länken igen från det ursprungliga e-postmeddelandet.',
    expiredTitle: 'Länken har gått ut',
    expiredBody: 'Den här länken gäller inte längre. Kontakta vid behov din kontaktperson vid läroanstalten.',
  },
  en: {
    notFoundTitle: 'Page not found',
    notFoundBody: 'Check the address. If you came from a link in an email, open the link again from the message.',
    badRequestTitle: 'The request could not be handled',
    badRequestBody: 'The form was incomplete. Go back and try again.',
    tooManyTitle: 'Too many requests',
    tooManyBody: 'Wait a moment and try again.',
    failedTitle: 'Something went wrong',
    failedBody: 'Your request could not be handled just now. Please try again later.',
    forgedTitle: 'This link is not valid',
    forgedBody: 'The link has been changed or cut short. Open the link again from the original email.',
    expiredTitle: 'This link has expired',
    expiredBody: 'This link is no longer valid. If needed, contact your contact person at the college.',
  },
};
