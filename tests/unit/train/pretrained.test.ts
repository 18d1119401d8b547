/**
 * The shipped checkpoints (public/models/, written by `npm run train`): each one named in the
 * manifest loads into the model its manifest spec describes, its weights file is at most 1 MB,
 * and it reproduces the figure the training script recorded for the first 500 test images
 * (same seeds, same WASM backend; the tolerance covers other backends' arithmetic).
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../src/lib/vae/backend-node.ts';
import { applyCheckpoint } from '../../../src/lib/vae/checkpoint.ts';
import { loadCheckpointFile } from '../../../src/lib/vae/checkpoint-node.ts';
import { Classifier } from '../../../src/lib/vae/classifier.ts';
import type { MnistData } from '../../../src/lib/vae/data.ts';
import { loadMnistNode } from '../../../src/lib/vae/data-node.ts';
import { createModel } from '../../../src/lib/vae/models/index.ts';
import type { ModelSpec } from '../../../src/lib/vae/models/index.ts';
import { heldOut } from '../../../train/evaluate.ts';
import type { ShippedModel } from '../../../train/evaluate.ts';

const DIR = fileURLToPath(new URL('../../../public/models/', import.meta.url));
const MAX_BYTES = 1_000_000;
/** How far the re-evaluated subset figure may be from the recorded one. */
const TOLERANCE: Record<string, number> = { loss: 2, accuracy: 0.01, dReal: 0.01 };
const SHIPPED = ['classifier', 'ae2', 'vae2', 'vae20', 'cvae', 'gan', 'vaegan'];

interface Entry {
  name: string;
  file: string;
  spec: ModelSpec | { kind: 'classifier' };
  seed: number;
  bytes: number;
  subset: { count: number; seed: number; metric: string; value: number };
  test: Record<string, unknown>;
}

const manifest = JSON.parse(readFileSync(`${DIR}manifest.json`, 'utf8')) as { format: string; models: Entry[] };
let mnist: MnistData;

beforeAll(async () => {
  await useNodeBackend();
  mnist = await loadMnistNode({ trainCount: 1, testCount: 500 });
});

describe('shipped checkpoints (public/models)', () => {
  it('the manifest lists every shipped model', () => {
    expect(manifest.format).toBe('vae-book/pretrained-models');
    expect(manifest.models.map((e) => e.name).sort()).toEqual([...SHIPPED].sort());
  });

  for (const entry of manifest.models) {
    it(`${entry.name}: ≤ 1 MB, loads into createModel(spec), reproduces its ${entry.subset.metric} on ${entry.subset.count} test images`, async () => {
      const bin = `${DIR}${entry.name}.bin`;
      expect(statSync(bin).size).toBe(entry.bytes);
      expect(statSync(bin).size + statSync(`${DIR}${entry.file}`).size).toBeLessThanOrEqual(MAX_BYTES);
      const checkpoint = await loadCheckpointFile(`${DIR}${entry.file}`);
      const model: ShippedModel = entry.spec.kind === 'classifier' ? new Classifier(entry.spec, 1) : createModel(entry.spec, 1);
      try {
        applyCheckpoint(model, checkpoint);
        const figures = await heldOut(model, mnist.test, entry.subset.count, entry.subset.seed);
        expect(Math.abs((figures[entry.subset.metric] ?? Number.NaN) - entry.subset.value)).toBeLessThanOrEqual(TOLERANCE[entry.subset.metric] ?? 0);
      } finally {
        model.dispose();
      }
    }, 30_000);
  }
});
