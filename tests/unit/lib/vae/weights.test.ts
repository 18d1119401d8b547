import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../../src/lib/vae/backend-node.ts';
import { createModel } from '../../../../src/lib/vae/models/index.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import { applyWeights, captureWeights, firstNonFinite } from '../../../../src/lib/vae/weights.ts';

beforeAll(async () => {
  await useNodeBackend();
});

const SPEC = { kind: 'vae', hidden: [8], latentDim: 2 } as const;

describe('captureWeights / applyWeights', () => {
  it('applyWeights(model, await captureWeights(other)) makes two models identical', async () => {
    const a = createModel(SPEC, 1);
    const b = createModel(SPEC, 2);
    const snapshot = await captureWeights(a);
    expect(await captureWeights(b)).not.toEqual(snapshot);
    applyWeights(b, snapshot);
    expect(await captureWeights(b)).toEqual(snapshot);
    const [ra, rb] = tf.tidy(() => {
      const x = tf.fill([3, 784], 0.3) as tf.Tensor2D;
      return [a.reconstruct(x), b.reconstruct(x)];
    });
    expect(ra.arraySync()).toEqual(rb.arraySync());
    tf.dispose([ra, rb]);
    a.dispose();
    b.dispose();
  });

  it('captureWeights returns copies that later changes to the model do not touch', async () => {
    const model = createModel(SPEC, 1);
    const snapshot = await captureWeights(model);
    const copy = new Float32Array(snapshot.get('encoder.0.w') ?? []);
    model.reinitialize(5);
    expect(snapshot.get('encoder.0.w')).toEqual(copy);
    expect((await captureWeights(model)).get('encoder.0.w')).not.toEqual(copy);
    model.dispose();
  });

  it('applyWeights names every missing, unexpected or mis-sized variable and changes nothing', async () => {
    const model = createModel(SPEC, 1);
    const original = await captureWeights(model);
    const broken = new Map(original);
    broken.delete('decoder.1.b');
    broken.set('encoder.0.w', new Float32Array(5));
    broken.set('discriminator.0.w', new Float32Array(4));
    expect(() => applyWeights(model, broken)).toThrow(
      /"encoder\.0\.w" has 5 values but the model needs 6272 \[784, 8\]; missing "decoder\.1\.b" \[784\]; unexpected "discriminator\.0\.w"/,
    );
    // Nothing was assigned, not even the variables that did fit.
    const otherModel = createModel(SPEC, 3);
    const other = await captureWeights(otherModel);
    otherModel.dispose();
    const partlyFitting = new Map(other);
    partlyFitting.delete('decoder.1.b');
    expect(() => applyWeights(model, partlyFitting)).toThrow(/missing "decoder\.1\.b"/);
    expect(await captureWeights(model)).toEqual(original);
    model.dispose();
  });

  it('applyWeights refuses a snapshot of another architecture', async () => {
    const vae = createModel(SPEC, 1);
    const bigger = createModel({ ...SPEC, hidden: [16] }, 1);
    expect(() => applyWeights(bigger, new Map())).toThrow(/missing/);
    const snapshot = await captureWeights(vae);
    expect(() => applyWeights(bigger, snapshot)).toThrow(/"encoder\.0\.w" has 6272 values but the model needs 12544 \[784, 16\]/);
    vae.dispose();
    bigger.dispose();
  });

  it('firstNonFinite finds the first NaN or infinite value', () => {
    expect(firstNonFinite(new Map([['a', new Float32Array([1, 2])]]))).toBeUndefined();
    expect(
      firstNonFinite(
        new Map([
          ['a', new Float32Array([1])],
          ['b', new Float32Array([0, Infinity, NaN])],
        ]),
      ),
    ).toEqual({ name: 'b', value: Infinity });
  });
});
