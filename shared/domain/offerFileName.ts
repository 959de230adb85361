/**
 * The file name of an offer's PDF, in the offer's language (what the customer reads): the
 * server's download and the pane's Attach offer name the same document the same way.
 */
export type OfferLanguage = 'fi' | 'sv' | 'en';

const WORD: Readonly<Record<OfferLanguage, string>> = { fi: 'tarjous', sv: 'offert', en: 'offer' };

export const offerFileName = (offer: { language: OfferLanguage; number: string }): string => `${WORD[offer.language]}-${offer.number}.pdf`;
