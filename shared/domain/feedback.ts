/**
 * Feedback (palautteet): the survey types, their default questions in Finnish, Swedish and
 * English, a response's score, and the Net Promoter Score. Pure: the server, the public page and
 * the add-in use the same definitions.
 */
import type { Language } from './codes';

export const SURVEY_TYPES = ['nps', 'csat', 'custom'] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];

/** A question's kind: the 0–10 recommendation scale, the 1–5 satisfaction scale, a 1–5 scale of a custom survey, or free text. */
export const QUESTION_KINDS = ['nps', 'csat', 'scale', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export type Texts = Record<Language, string>;

export interface Question {
  /** Stable within the survey: the form field's name is `q_<id>`. */
  id: string;
  kind: QuestionKind;
  text: Texts;
}

/** At most this many questions in a custom survey. */
export const MAX_CUSTOM_QUESTIONS = 5;

export const NPS_QUESTION: Texts = {
  fi: 'Kuinka todennäköisesti suosittelisit meitä kollegallesi tai yhteistyökumppanillesi?',
  sv: 'Hur sannolikt är det att du skulle rekommendera oss till en kollega eller samarbetspartner?',
  en: 'How likely are you to recommend us to a colleague or partner?',
};
export const CSAT_QUESTION: Texts = {
  fi: 'Kuinka tyytyväinen olet yhteistyöhömme kokonaisuutena?',
  sv: 'Hur nöjd är du med vårt samarbete som helhet?',
  en: 'How satisfied are you with our cooperation overall?',
};
export const COMMENT_QUESTION: Texts = {
  fi: 'Mitä haluaisit kertoa meille? (vapaaehtoinen)',
  sv: 'Vad vill du berätta för oss? (frivilligt)',
  en: 'Anything you would like to tell us? (optional)',
};

/** The questions of an NPS or CSAT survey: the scale, then a comment; the given texts override the defaults. */
export function defaultQuestions(type: Exclude<SurveyType, 'custom'>, scaleText?: Partial<Texts>, commentText?: Partial<Texts>): Question[] {
  const scale = type === 'nps' ? NPS_QUESTION : CSAT_QUESTION;
  return [
    { id: 'score', kind: type, text: { ...scale, ...definedOnly(scaleText) } },
    { id: 'comment', kind: 'text', text: { ...COMMENT_QUESTION, ...definedOnly(commentText) } },
  ];
}

const definedOnly = (t: Partial<Texts> | undefined): Partial<Texts> =>
  Object.fromEntries(Object.entries(t ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Partial<Texts>;

/** The range of a scale question; null for free text. */
export function scaleOf(kind: QuestionKind): { min: number; max: number } | null {
  if (kind === 'nps') return { min: 0, max: 10 };
  if (kind === 'csat' || kind === 'scale') return { min: 1, max: 5 };
  return null;
}

/** A response's answers: a number for a scale question, text for a free-text one (absent: not answered). */
export type Answers = Record<string, number | string>;

/**
 * The score a response records on the customer: the NPS or CSAT answer; for a custom survey the mean
 * of its scale answers to one decimal (null when none was answered).
 */
export function scoreOf(type: SurveyType, questions: readonly Question[], answers: Answers): number | null {
  const scales = questions.filter((q) => scaleOf(q.kind) !== null && typeof answers[q.id] === 'number');
  if (scales.length === 0) return null;
  if (type !== 'custom') return answers[scales[0]!.id] as number;
  const mean = scales.reduce((sum, q) => sum + (answers[q.id] as number), 0) / scales.length;
  return Math.round(mean * 10) / 10;
}

export interface NpsSummary {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** %promoters − %detractors, rounded to a whole number, −100…100; null without responses. */
  nps: number | null;
}

/** The Net Promoter Score of 0–10 answers: promoters 9–10, passives 7–8, detractors 0–6. */
export function npsOf(scores: readonly number[]): NpsSummary {
  let promoters = 0;
  let detractors = 0;
  for (const s of scores) {
    if (s >= 9) promoters++;
    else if (s <= 6) detractors++;
  }
  const responses = scores.length;
  const passives = responses - promoters - detractors;
  const nps = responses === 0 ? null : Math.round(((promoters - detractors) / responses) * 100) + 0;
  return { responses, promoters, passives, detractors, nps };
}

export interface ScoredResponse {
  score: number;
  /** The month it was answered in, `YYYY-MM` (in the college's zone). */
  month: string;
  segment: string;
  customerGroup: string;
}

export interface NpsRow extends NpsSummary {
  month: string;
  /** `segment` or `customerGroup`. */
  by: 'segment' | 'customerGroup';
  key: string;
}

/** NPS per month and segment, and per month and customer group; rows in month, then key order. */
export function npsByMonth(responses: readonly ScoredResponse[]): NpsRow[] {
  const groups = new Map<string, { month: string; by: NpsRow['by']; key: string; scores: number[] }>();
  for (const r of responses) {
    for (const by of ['segment', 'customerGroup'] as const) {
      const key = r[by];
      const id = `${r.month}\u0000${by}\u0000${key}`;
      const g = groups.get(id) ?? { month: r.month, by, key, scores: [] };
      g.scores.push(r.score);
      groups.set(id, g);
    }
  }
  return [...groups.values()]
    .sort((a, b) => a.month.localeCompare(b.month) || a.by.localeCompare(b.by) || a.key.localeCompare(b.key))
    .map((g) => ({ month: g.month, by: g.by, key: g.key, ...npsOf(g.scores) }));
}

/** A contact's first name as a greeting uses it: the first word of the name. */
export const firstNameOf = (name: string): string => name.trim().split(/\s+/)[0] ?? '';
