/**
 * The model worker's host in Node (WASM): sessions and models by id, steps that send only the new
 * history records, read-outs with the live tensor count, freeing, and a lost WebGL context
 * (simulated) reported with the next step. Last, the same host behind `rpc.ts` on a
 * MessageChannel, as the page talks to its worker: every answer must survive structured cloning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelHost, type ModelHost } from '../../../../src/lib/worker/model-host.ts';
import type { BackendRequest, SessionState } from '../../../../src/lib/worker/protocol.ts';
import { CACHE_KEY } from '../../../../src/lib/vae/backend-names.ts';
import { checkpointFromModel } from '../../../../src/lib/vae/checkpoint.ts';
import type { MnistData } from '../../../../src/lib/vae/data.ts';
import { loadMnistNode } from '../../../../src/lib/vae/data-node.ts';
import { createModel } from '../../../../src/lib/vae/models/index.ts';
import type { MetricsRecord } from '../../../../src/lib/vae/trainer.ts';
import * as tf from '../../../../src/lib/vae/tf.ts';
import { connect, type Endpoint, type Remote, serve } from '../../../../src/lib/worker/rpc.ts';
import { createPageTurns, type PageTurns } from '../../../../src/lib/worker/page-turns.ts';
import { createSerialQueue } from '../../../../src/lib/worker/serial-queue.ts';
import { onlyBackend } from '../../model-helpers.ts';

let mnist: MnistData;
beforeAll(async () => {
  mnist = await loadMnistNode({ trainCount: 600, testCount: 100 });
});
afterAll(async () => {
  await tf.setBackend('wasm');
});

const SPEC = { kind: 'vae', hidden: [16], latentDim: 2 } as const;
const OPEN = { spec: SPEC, data: { kind: 'mnist' }, seed: 3, batchSize: 16, readEvery: 5, snapshotEvery: 10 } as const;

/** A host as the worker makes it; `queued` also gives it the worker's queue of calls, `pageTurns` turns with the page. */
function testHost(queued = false, pageTurns?: () => PageTurns) {
  const requests: BackendRequest[] = [];
  let loseContext = () => {};
  const serial = createSerialQueue();
  const host = createModelHost({
    ...(queued ? { exclusive: <R>(work: () => Promise<R>) => serial(work)() } : {}),
    ...(pageTurns ? { pageTurns } : {}),
    choose: async (request) => {
      requests.push(request);
      return { choice: await onlyBackend('wasm'), cache: request.useCache ? 'measured' : undefined };
    },
    switchAfterLoss: () => onlyBackend('cpu'),
    watchContextLoss: (callback) => {
      loseContext = callback;
      return () => (loseContext = () => {});
    },
  });
  return { host, requests, serial, loseContext: () => loseContext() };
}

/** Replays the history updates of several answers, as the page's copy does. */
function replay(states: readonly SessionState[]): MetricsRecord[] {
  let history: MetricsRecord[] = [];
  for (const { history: update } of states) history = [...history.slice(0, update.from), ...update.records];
  return history;
}

describe('createModelHost', () => {
  it('chooses the backend once for the page, passing the cached measurement through', async () => {
    const { host, requests } = testHost();
    const answer = await host.chooseBackend({ cached: null, useCache: true, fresh: false });
    expect(answer).toMatchObject({ choice: { name: 'wasm' }, cache: 'measured' });
    expect(requests).toHaveLength(1);
    // A session opened afterwards computes on that choice: no second request.
    host.setMnist(mnist);
    await host.openSession('s', OPEN);
    expect(requests).toHaveLength(1);
    host.dispose('s');
    expect(CACHE_KEY).toBe('vae-book.backend-choice');
  });

  it('trains a session step by step, sending only new history records, with a flat tensor count', async () => {
    const { host } = testHost();
    host.setMnist(mnist);
    const before = tf.memory().numTensors;
    const states = [await host.openSession('vae', OPEN)];
    expect(states[0]?.model).toMatchObject({ kind: 'vae', latentDim: 2 });
    for (let i = 0; i < 12; i++) states.push(await host.step('vae'));
    const last = states.at(-1) as SessionState;
    expect(last.report.steps).toBe(12);
    expect(replay(states).map((record) => record.step)).toEqual([5, 10]);
    expect(last.history.records).toEqual([]); // step 12 read nothing back
    const counts = [];
    for (let i = 0; i < 10; i++) counts.push((await host.step('vae')).tensors);
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBe(tf.memory().numTensors);

    // A reset starts the run again; the page's copy of the history follows.
    states.push(await host.reset('vae', 9));
    expect(states.at(-1)?.report.steps).toBe(0);
    expect(replay(states)).toEqual([]);
    host.dispose('vae');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs a session until stopped: read-outs and progress reads take turns with its steps, and a stop ends it within one step', async () => {
    const { host, serial } = testHost(true);
    host.setMnist(mnist);
    const states = [await host.openSession('run', OPEN)];
    // Progress reads as the page makes them: now and then, each a task of its own.
    const progress = async (id: string) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return host.progress(id);
    };
    const run = host.run('run');
    let ended = false;
    void run.finally(() => (ended = true));
    while ((states.at(-1) as SessionState).report.steps < 6 && !ended) states.push(await progress('run'));
    // A read-out queued during the run answers while the run goes on (every answer goes into
    // `states`: each sends only the records the page does not have yet).
    const samples = await serial(host.readout)('drawSamples', 'run', [2, 7]);
    expect((samples.value as Float32Array).length).toBe(2 * 784);
    states.push(await progress('run'));
    const during = (states.at(-1) as SessionState).report.steps;
    states.push(await progress('run'));
    expect(ended).toBe(false);
    states.push(await progress('run'));
    const atStop = (states.at(-1) as SessionState).report.steps;
    host.stop('run');
    states.push(await run);
    const last = states.at(-1) as SessionState;
    expect(during).toBeGreaterThanOrEqual(6);
    expect(last.report.steps - atStop).toBeLessThanOrEqual(1); // (at most the step in flight)
    // Nothing runs after the stop; the page's copy of the history has every read-back, in order.
    await new Promise((resolve) => setTimeout(resolve, 30));
    states.push(await progress('run'));
    expect(states.at(-1)?.report.steps).toBe(last.report.steps);
    const expected = Array.from({ length: Math.floor(last.report.steps / 5) }, (_, i) => 5 * (i + 1));
    expect(replay(states).map((record) => record.step)).toEqual(expected);
    // A run with a step limit ends there by itself.
    expect((await host.run('run', last.report.steps + 4)).report.steps).toBe(last.report.steps + 4);
    host.dispose('run');
  });

  it('takes turns with the page where the device is the CPU: after a read-back the page hears where the run stands, and the run waits until the page hands the turn back', async () => {
    const { host, serial } = testHost(true, () => createPageTurns(60_000));
    host.setMnist(mnist);
    await host.openSession('turns', OPEN); // (metrics read back every 5 steps)
    const progress = () => host.progress('turns');
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // A progress read waits for the page's next turn (the page hears from the run only then).
    const turnAt = async (step: number) => {
      const state = await progress();
      expect(state.turn).toBe(step);
      expect(state.report.steps).toBe(step);
      expect(state.history.records.at(-1)?.step).toBe(step);
    };
    const run = host.run('turns', undefined, true);
    await turnAt(5);
    // The page has the turn: its read-outs answer, and the run takes no step until it is handed back.
    expect(((await serial(host.readout)('drawSamples', 'turns', [1, 0])).value as Float32Array).length).toBe(784);
    await pause(30);
    expect((await progress()).report.steps).toBe(5);
    host.handBack('turns', 5);
    await turnAt(10);
    host.handBack('turns', 5); // (a late hand-back of the earlier turn does not end this one)
    await pause(30);
    expect((await progress()).report.steps).toBe(10);
    // A stop ends the turn too, and the run with it.
    host.stop('turns');
    const stopped = await run;
    expect(stopped.report.steps).toBe(10);
    expect(stopped.turn).toBeUndefined();
    // A run not for the page (the benchmark's) takes no turns.
    const bare = await host.run('turns', 22);
    expect(bare.report.steps).toBe(22);
    expect(bare.turn).toBeUndefined();
    host.dispose('turns');
  });

  it('answers read-outs with plain arrays and the live tensor count, and frees loaded models', async () => {
    const { host } = testHost();
    host.setMnist(mnist);
    await host.chooseBackend({ cached: null, useCache: false, fresh: false });
    const before = tf.memory().numTensors;
    const source = createModel(SPEC, 4);
    const checkpoint = await checkpointFromModel(source, 'float32');
    source.dispose();
    const info = await host.loadModel('m', SPEC, 4, checkpoint);
    expect(info).toMatchObject({ kind: 'vae', latentDim: 2 });
    const decoded = await host.readout('decodeCodes', 'm', [new Float32Array([0, 0, 1, -1])]);
    expect(decoded.value).toBeInstanceOf(Float32Array);
    expect((decoded.value as Float32Array).length).toBe(2 * 784);
    expect(decoded.tensors).toBe(tf.memory().numTensors);
    const codes = (await host.readout('encodeSplit', 'm', ['test', 30])).value as { codes: Float32Array; labels: Uint8Array };
    expect(codes.codes.length).toBe(60);
    expect(Array.from(codes.labels)).toEqual(Array.from(mnist.test.labels.slice(0, 30)));
    await expect(host.readout('decodeCodes', 'missing', [[0, 0]])).rejects.toThrow(/No model "missing"/);
    host.dispose('m');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a lost WebGL context with the next step, after moving the session to another backend', async () => {
    const { host, loseContext } = testHost();
    host.setMnist(mnist);
    await host.openSession('lost', OPEN);
    for (let i = 0; i < 15; i++) await host.step('lost');
    loseContext();
    const state = await host.step('lost');
    expect(state.backend.name).toBe('cpu');
    expect(state.recovered).toEqual([{ from: 'wasm', to: 'cpu', restoredStep: 10, lostSteps: 5 }]);
    expect((await host.step('lost')).recovered).toEqual([]);
    host.dispose('lost');
    await tf.setBackend('wasm');
  });
});

describe('the host behind rpc.ts on a MessageChannel', () => {
  let remote: Remote<ModelHost>;
  let channel: MessageChannel;
  beforeAll(() => {
    channel = new MessageChannel();
    serve(channel.port1 as unknown as Endpoint, testHost().host);
    remote = connect<ModelHost>(channel.port2 as unknown as Endpoint);
  });
  afterAll(() => {
    channel.port1.close();
    channel.port2.close();
  });

  it('opens, steps and reads out a session with structured-cloned answers', async () => {
    await remote.setMnist(mnist);
    await remote.chooseBackend({ cached: null, useCache: false, fresh: false });
    const opened = await remote.openSession('c', OPEN);
    expect(opened.backend.name).toBe('wasm');
    let state = opened;
    for (let i = 0; i < 5; i++) state = await remote.step('c');
    expect(state.report.steps).toBe(5);
    expect(state.history.records.map((record) => record.step)).toEqual([5]);
    await remote.apply('c', { learningRate: 1e-4, beta: 2 });
    const samples = await remote.readout('drawSamples', 'c', [3, 7]);
    // A failure comes back as an Error with the host's message.
    await expect(remote.readout('drawSamples', 'missing', [3, 7])).rejects.toThrow(/No model "missing"/);
    await expect((remote as unknown as Remote<{ nothing(): void }>).nothing()).rejects.toThrow(/no method "nothing"/);
    expect((samples.value as Float32Array).length).toBe(3 * 784);
    expect(await remote.tensors()).toBe(samples.tensors);
    // A run over the channel, and a stop that reaches it while it runs.
    const run = remote.run('c');
    while ((await remote.progress('c')).report.steps < 8);
    await remote.stop('c');
    const stopped = await run;
    expect(stopped.report.steps).toBeGreaterThanOrEqual(8);
    expect((await remote.progress('c')).report.steps).toBe(stopped.report.steps);
    await remote.dispose('c');
  });
});
