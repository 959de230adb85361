/**
 * The messages of the pane's feedback parts (components/PaneFeedback), in fi/sv/en. They ship in the
 * forms' chunk with those parts, not in the pane's first load (precompiled like the pane catalogs:
 * scripts/precompiled-messages.mjs); PaneFeedback lays them over the pane's catalog.
 */
export const feedbackEn = {
  'pane.feedback.latest': '{type, select, nps {NPS} csat {CSAT} other {Survey}} {score} · {date}',
  'pane.feedback.copyLink': 'Copy survey link',
  'pane.feedback.survey': 'Survey',
  'pane.feedback.copied': 'Link copied: paste it into your mail',
  'pane.feedback.copyThis': 'Copy this link into your mail',
  'pane.feedback.none': 'No open surveys',
  'pane.feedback.failed': 'No link: {message}',
} as const;

export type FeedbackMessageId = keyof typeof feedbackEn;

export const feedbackFi: Readonly<Record<FeedbackMessageId, string>> = {
  'pane.feedback.latest': '{type, select, nps {NPS} csat {Tyytyväisyys} other {Kysely}} {score} · {date}',
  'pane.feedback.copyLink': 'Kopioi kyselylinkki',
  'pane.feedback.survey': 'Kysely',
  'pane.feedback.copied': 'Linkki kopioitu: liitä se viestiin',
  'pane.feedback.copyThis': 'Kopioi tämä linkki viestiin',
  'pane.feedback.none': 'Ei avoimia kyselyitä',
  'pane.feedback.failed': 'Linkkiä ei saatu: {message}',
};

export const feedbackSv: Readonly<Record<FeedbackMessageId, string>> = {
  'pane.feedback.latest': '{type, select, nps {NPS} csat {Nöjdhet} other {Enkät}} {score} · {date}',
  'pane.feedback.copyLink': 'Kopiera enkätlänk',
  'pane.feedback.survey': 'Enkät',
  'pane.feedback.copied': 'Länken kopierad: klistra in den i meddelandet',
  'pane.feedback.copyThis': 'Kopiera länken till meddelandet',
  'pane.feedback.none': 'Inga öppna enkäter',
  'pane.feedback.failed': 'Ingen länk: {message}',
};
