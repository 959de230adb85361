/**
 * The pipeline's open stages (`pipeline_stages`, one document `_id: 'stages'`), read by `_id` on
 * each use (one index read: the board, a stage change and the report see a change at once, on
 * every instance) and the defaults until administrators first change them.
 *
 * Why a change is safe with several instances: it replaces the list as a compare-and-set on
 * `version` (`updateById` with `where: { version }`); the first change inserts the document under
 * its fixed `_id`, so of two administrators saving at once one is told to look again (409) and
 * neither overwrites the other.
 */
import { DEFAULT_PIPELINE_STAGES, type PipelineStages, type StageDefinition } from '../../../shared/contract-sales';
import { isDuplicateKeyError, type Engine } from '../engine';
import type { Models, PipelineStagesDoc } from '../models';

const ID = 'stages';

export interface PipelineStageRepository {
  get(): Promise<PipelineStages>;
  /** Replaces the stages, provided they are still at `version`; the new list and version, or null when someone changed them meanwhile. */
  replace(stages: readonly StageDefinition[], version: number): Promise<PipelineStages | null>;
}

function fromDoc(d: PipelineStagesDoc | null): PipelineStages {
  if (!d) return { stages: DEFAULT_PIPELINE_STAGES.map((s) => ({ ...s, labels: { ...s.labels } })), version: 0 };
  return {
    stages: d.stages.map((s) => ({ key: s.key, labels: { fi: s.labels.fi ?? '', sv: s.labels.sv ?? '', en: s.labels.en ?? '' }, probabilityPct: s.probabilityPct, active: s.active ?? true })),
    version: d.version,
  };
}

export function pipelineStageRepository(models: Models, engine: Engine): PipelineStageRepository {
  const { PipelineStages: Stages } = models;
  const plain = (stages: readonly StageDefinition[]) => stages.map((s) => ({ key: s.key, labels: { ...s.labels }, probabilityPct: s.probabilityPct, active: s.active }));
  return {
    async get() {
      const [doc] = await engine.findByIds<PipelineStagesDoc>(Stages, [ID]);
      return fromDoc(doc ?? null);
    },
    async replace(stages, version) {
      if (version === 0) {
        try {
          await Stages.create({ _id: ID, stages: plain(stages), version: 1 });
          return { stages: plain(stages), version: 1 };
        } catch (err) {
          if (isDuplicateKeyError(err)) return null;
          throw err;
        }
      }
      const res = await engine.updateById<PipelineStagesDoc>(Stages, ID, { $set: { stages: plain(stages) }, $inc: { version: 1 } }, { where: { version }, returnDocument: 'after' });
      return res.matched && res.doc ? fromDoc(res.doc) : null;
    },
  };
}
