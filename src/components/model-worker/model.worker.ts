/**
 * The page's model worker: the one Web Worker that runs the model library for every figure of a
 * page (`src/lib/worker/model-host.ts`, answering the page's calls through `rpc.ts`), one call at a time
 * (`serial-queue.ts`; a training run queues each of its steps). Typed
 * arrays in the read-outs' answers are transferred, not copied. Started by `client.ts` when the first model figure needs it.
 */
import { createModelHost, type ModelHost } from '../../lib/worker/model-host.ts';
import { type Endpoint, serve } from '../../lib/worker/rpc.ts';
import { createSerialQueue } from '../../lib/worker/serial-queue.ts';
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

const serial = createSerialQueue();

const host = createModelHost({ ...workerEnvironment, exclusive: (work) => serial(work)() });

/**
 * Calls outside the queue: a run queues each of its steps itself and a progress read its answer
 * (after waiting for the page's turn, `page-turns.ts`), a stop and a hand-back of the page's turn
 * must overtake them, and `contextLost` only waits.
 */
const UNQUEUED = new Set(['run', 'progress', 'stop', 'handBack', 'contextLost']);

const exposed = Object.fromEntries(
  Object.entries(host).map(([name, value]) => [
    name,
    typeof value === 'function' && !UNQUEUED.has(name) ? serial(value as (...a: unknown[]) => unknown) : value,
  ]),
) as ModelHost;
// The read-outs answer with their arrays moved, not copied (the worker keeps no reference to them).
serve(globalThis as unknown as Endpoint, exposed, (method, answer) => (method === 'readout' ? transferables((answer as { value: unknown }).value) : []));

// The host itself, for the benchmark (`bench/browser/page-figures.ts` times a session's steps
// here, without the round trips, to compare with the rate the page reaches).
(globalThis as { vaeBookHost?: unknown }).vaeBookHost = host;
