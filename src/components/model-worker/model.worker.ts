/**
 * The page's model worker: the one Web Worker that runs the model library for every figure of a
 * page (`src/lib/worker/model-host.ts`, exposed with Comlink), one call at a time. Typed
 * arrays in the read-outs' answers are transferred, not copied. Started by `client.ts` when the first model figure needs it.
 */
import * as Comlink from 'comlink';
import { createModelHost, type ModelHost } from '../../lib/worker/model-host.ts';
import { workerEnvironment } from '../../lib/worker/worker-backend.ts';

/** The buffers of the typed arrays in `value` (itself, or its fields one level down) that can be moved whole. */
function transferables(value: unknown): ArrayBuffer[] {
  const whole = (v: unknown): v is ArrayBufferView =>
    ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength;
  if (whole(value)) return [value.buffer as ArrayBuffer];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const buffers = Object.values(value).flatMap((field) => (whole(field) ? [field.buffer as ArrayBuffer] : []));
  return [...new Set(buffers)];
}

const host = createModelHost(workerEnvironment);

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the host's calls one at a time, in the order they came: a step, a read-out or a load
 * never interleaves with another at an await, so the tensor count an answer carries is never
 * taken in the middle of another figure's work.
 */
function serial<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return (...args) => {
    const run = queue.then(() => fn(...args));
    queue = run.catch(() => {});
    return run;
  };
}

const exposed = Object.fromEntries(
  Object.entries(host).map(([name, value]) => [
    name,
    typeof value === 'function' && name !== 'contextLost' ? serial(value as (...a: unknown[]) => unknown) : value,
  ]),
) as ModelHost;
const readout = exposed.readout;
/** The read-outs answer with their arrays transferred (the worker keeps no reference to them). */
exposed.readout = async (name, id, args) => {
  const answer = await readout(name, id, args);
  return Comlink.transfer(answer, transferables(answer.value));
};

Comlink.expose(exposed);

// The host itself, for the benchmark (`bench/browser/page-figures.ts` times a session's steps
// here, without the round trips, to compare with the rate the page reaches).
(globalThis as { vaeBookHost?: unknown }).vaeBookHost = host;
