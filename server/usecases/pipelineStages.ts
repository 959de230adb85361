/**
 * The pipeline's open stages as administrators keep them (`GET`/`PUT /pipeline/stages`): names in
 * fi/sv/en, order, default probability, and active or retired. A stage is never removed (its
 * opportunities and their history keep its key): it is retired, and a retired stage takes no new
 * opportunities but keeps showing where it still has some. Won and lost always follow.
 */
import type { z } from 'zod';
import {
  CLOSED_STAGE_PROBABILITY, isClosedStage, type OpportunityStage, type PipelineStages, type StageDefinition, type UpdatePipelineStagesSchema,
} from '../../shared/contract-sales';
import { AppError } from '../errors';
import type { UseCaseContext } from './context';

export const getPipelineStages = (ctx: UseCaseContext): Promise<PipelineStages> => ctx.repos.pipelineStages.get();

export async function updatePipelineStages(ctx: UseCaseContext, input: z.output<typeof UpdatePipelineStagesSchema>): Promise<PipelineStages> {
  const current = await ctx.repos.pipelineStages.get();
  if (input.version === current.version) {
    const removed = current.stages.filter((s) => !input.stages.some((n) => n.key === s.key));
    if (removed.length > 0) {
      throw AppError.unprocessable(`stages must keep ${removed.map((s) => `“${s.labels.en}” (${s.key})`).join(', ')}: retire a stage (active: false) instead of removing it`, 'stages');
    }
  }
  const saved = input.version === current.version ? await ctx.repos.pipelineStages.replace(input.stages, input.version) : null;
  if (!saved) {
    throw AppError.conflict('version', `is ${input.version}, but the stages were changed meanwhile (now version ${current.version}): read them again and repeat the change`, 'invalid');
  }
  return saved;
}

/** The stages as an opportunity write needs them: which key may be entered, and its default probability. */
export interface StageRules {
  /** Active open stages, then won and lost. */
  enterable(stage: OpportunityStage): boolean;
  probability(stage: OpportunityStage): number;
  /** The first active open stage: where a new opportunity starts unless told otherwise. */
  first: OpportunityStage;
  /** The open stages' keys in board order: the active ones, and the retired ones among `inUse`. */
  openColumns(inUse: readonly OpportunityStage[]): OpportunityStage[];
}

export function stageRules(stages: readonly StageDefinition[]): StageRules {
  const byKey = new Map(stages.map((s) => [s.key, s]));
  return {
    enterable: (stage) => isClosedStage(stage) || byKey.get(stage)?.active === true,
    probability: (stage) => (isClosedStage(stage) ? CLOSED_STAGE_PROBABILITY[stage] : byKey.get(stage)?.probabilityPct ?? 0),
    first: stages.find((s) => s.active)?.key ?? stages[0]!.key,
    openColumns: (inUse) => stages.filter((s) => s.active || inUse.includes(s.key)).map((s) => s.key),
  };
}

export async function currentStageRules(ctx: UseCaseContext): Promise<StageRules> {
  return stageRules((await ctx.repos.pipelineStages.get()).stages);
}

/** A 422 naming `stage` unless the opportunity may enter it. */
export function checkEnterable(rules: StageRules, stage: OpportunityStage): void {
  if (!rules.enterable(stage)) throw AppError.unprocessable('stage must be one of the pipeline’s active stages, won or lost', 'stage');
}
