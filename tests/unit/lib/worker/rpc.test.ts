/** The page's calls to its worker (src/lib/worker/rpc.ts), over a MessageChannel in Node. */
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Endpoint, serve } from '../../../../src/lib/worker/rpc.ts';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

function pair<T extends object>(target: T, transferOf?: Parameters<typeof serve>[2]) {
  const channel = new MessageChannel();
  channels.push(channel);
  serve(channel.port1 as unknown as Endpoint, target, transferOf);
  return connect<T>(channel.port2 as unknown as Endpoint);
}

describe('rpc: serve and connect', () => {
  it('answers calls in order, with the method bound to its object, and async methods awaited', async () => {
    const target = {
      base: 10,
      add(a: number, b: number) {
        return this.base + a + b;
      },
      async later(x: string) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { x };
      },
    };
    const remote = pair(target);
    const [slow, fast] = await Promise.all([remote.later('a'), remote.add(1, 2)]);
    expect(slow).toEqual({ x: 'a' });
    expect(fast).toBe(13);
    // (not a thenable: awaiting the remote itself calls nothing)
    expect(await Promise.resolve(remote)).toBe(remote);
  });

  it('rejects with the thrown error’s name and message, and for a method that does not exist', async () => {
    const remote = pair({
      fail(): number {
        throw new RangeError('out of range');
      },
    });
    await expect(remote.fail()).rejects.toMatchObject({ name: 'RangeError', message: 'out of range' });
    await expect((remote as unknown as { other(): Promise<void> }).other()).rejects.toThrow(/no method "other"/);
  });

  it('moves the buffers transferOf names instead of copying them', async () => {
    const kept = new Float32Array([1, 2, 3]);
    const remote = pair({ values: () => kept }, (method, value) => (method === 'values' ? [(value as Float32Array).buffer] : []));
    expect(Array.from(await remote.values())).toEqual([1, 2, 3]);
    expect(kept.byteLength).toBe(0); // moved: the server's copy is detached
  });

  it('rejects every waiting call when the endpoint reports an error (a worker that failed to load)', async () => {
    const listeners: ((event: Event) => void)[] = [];
    const endpoint: Endpoint = {
      postMessage() {},
      addEventListener: (type, listener) => {
        if (type === 'error') listeners.push(listener);
      },
    };
    const remote = connect<{ step(): number }>(endpoint);
    const waiting = remote.step();
    for (const listener of listeners) listener(Object.assign(new Event('error'), { message: 'SyntaxError in model.worker' }));
    await expect(waiting).rejects.toThrow('The model worker failed: SyntaxError in model.worker');
  });
});
