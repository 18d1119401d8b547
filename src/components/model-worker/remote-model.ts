/**
 * A model that lives in the page's model worker, as the figures hold it: its id, kind, spec
 * and code width, the settings it takes between steps, and `dispose()`. Read it out through
 * `readout.ts` (the same function names as the library's read-outs).
 */
import type { ModelInfo, ModelMethod } from '../../lib/worker/protocol.ts';
import { modelHost } from './client.ts';

export class RemoteModel {
  readonly id: string;
  kind: ModelInfo['kind'];
  spec: ModelInfo['spec'];
  latentDim: number;

  constructor(id: string, info: ModelInfo) {
    this.id = id;
    this.kind = info.kind;
    this.spec = info.spec;
    this.latentDim = info.latentDim;
  }

  /** Takes the worker's newer description (after a recovery or a change of hyperparameters). */
  update(info: ModelInfo): void {
    this.kind = info.kind;
    this.spec = info.spec;
    this.latentDim = info.latentDim;
  }

  /** A setting that takes effect at the next step (`setGeneratorLoss`, `setDiscriminatorSteps`, `setNoise`). */
  set(method: ModelMethod, value: unknown): Promise<void> {
    return modelHost().callModel(this.id, method, value);
  }

  /** Frees the model in the worker. */
  dispose(): void {
    void modelHost()
      .dispose(this.id)
      .catch(() => {});
  }
}
