/**
 * The reads and writes of the survey pages and the mailing editor's survey picker over the one API
 * client, each answer checked with its contract schema. Query keys start with `['surveys']`, so a
 * write invalidates every list and the survey itself.
 */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { SurveyListSchema, SurveySchema, type CreateSurveySchema, type UpdateSurveySchema } from '../../../../shared/contract-feedback';
import type { Http } from '../../api/request';
import { useApi } from '../../core/ApiContext';

const seg = encodeURIComponent;

export const surveyKeys = {
  all: () => ['surveys'] as const,
  one: (id: string) => ['surveys', id] as const,
};

export type CreateSurvey = z.input<typeof CreateSurveySchema>;
export type UpdateSurvey = z.input<typeof UpdateSurveySchema>;

export function surveyCalls(http: Http) {
  const { request } = http;
  return {
    list: (signal?: AbortSignal) => request({ path: '/surveys', schema: SurveyListSchema, signal }),
    get: (id: string, signal?: AbortSignal) => request({ path: `/surveys/${seg(id)}`, schema: SurveySchema, signal }),
    create: (body: CreateSurvey) => request({ method: 'POST', path: '/surveys', body, schema: SurveySchema }),
    update: (id: string, body: UpdateSurvey) => request({ method: 'PATCH', path: `/surveys/${seg(id)}`, body, schema: SurveySchema }),
  };
}

export function useSurveyCalls() {
  const { http } = useApi();
  return surveyCalls(http);
}

/** Every survey, newest first (the list page and the mailing editor's picker). */
export function useSurveys() {
  const calls = useSurveyCalls();
  return useQuery({ queryKey: surveyKeys.all(), queryFn: ({ signal }) => calls.list(signal) });
}
