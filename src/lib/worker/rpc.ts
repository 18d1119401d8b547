/**
 * Calls to an object on the other side of a message port (the page's model worker): `serve` answers
 * each call message with the method's result, `connect` gives the caller an object whose methods
 * send those messages and resolve with the answers. A failed call rejects with an Error of the same
 * name and message. Answers may move their typed arrays' buffers (`transferOf`) instead of copying.
 *
 * Written here rather than taken from Comlink, which the worker used first: the book calls plain
 * methods with cloneable arguments and needs none of Comlink's proxies, and Comlink added 2.0 KB
 * (gzip) to each side, so 4 KB to every page with a model figure, where the book holds its pages
 * to the weight they had (measured with the built book; see the README's "Page weight").
 */

/** A Worker, a worker's global scope, or one end of a MessageChannel. */
export interface Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message' | 'error', listener: (event: Event) => void): void;
  start?(): void;
}

interface Call {
  readonly id: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

interface Answer {
  readonly id: number;
  readonly value?: unknown;
  readonly error?: { readonly name: string; readonly message: string; readonly stack?: string | undefined };
}

/** The methods of `T`, each answering with a promise. */
export type Remote<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

const isCall = (data: unknown): data is Call => typeof data === 'object' && data !== null && 'method' in data && 'id' in data;

/** Answers the calls arriving at `endpoint` with `target`'s methods; `transferOf` lists the buffers a method's answer moves. */
export function serve(endpoint: Endpoint, target: object, transferOf: (method: string, value: unknown) => Transferable[] = () => []): void {
  const methods = target as Record<string, unknown>;
  endpoint.addEventListener('message', async (event) => {
    const data = (event as MessageEvent).data;
    if (!isCall(data)) return;
    const { id, method, args } = data;
    try {
      const fn = methods[method];
      if (typeof fn !== 'function') throw new TypeError(`The model worker has no method "${method}".`);
      const value: unknown = await fn.apply(target, args);
      endpoint.postMessage({ id, value } satisfies Answer, transferOf(method, value));
    } catch (reason) {
      const error = reason instanceof Error ? reason : new Error(String(reason));
      endpoint.postMessage({ id, error: { name: error.name, message: error.message, stack: error.stack } } satisfies Answer);
    }
  });
  endpoint.start?.();
}

/**
 * The caller's side: `remote.method(...args)` posts a call to `endpoint` and resolves with its
 * answer. If the endpoint reports an error (a worker that failed to load, or threw outside any
 * call), every call still waiting rejects with it.
 */
export function connect<T extends object>(endpoint: Endpoint): Remote<T> {
  let lastId = 0;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  endpoint.addEventListener('message', (event) => {
    const answer = (event as MessageEvent).data as Answer;
    const call = waiting.get(answer.id);
    if (call === undefined) return;
    waiting.delete(answer.id);
    if (answer.error === undefined) call.resolve(answer.value);
    else call.reject(Object.assign(new Error(answer.error.message), { name: answer.error.name, stack: answer.error.stack }));
  });
  endpoint.addEventListener('error', (event) => {
    const error = new Error(`The model worker failed: ${(event as ErrorEvent).message || 'it could not be loaded'}`);
    for (const call of waiting.values()) call.reject(error);
    waiting.clear();
  });
  endpoint.start?.();
  const methods = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy({} as Remote<T>, {
    get(_, method) {
      // (`then`: not a method, or awaiting the remote would call the worker)
      if (typeof method !== 'string' || method === 'then') return undefined;
      let call = methods.get(method);
      if (call === undefined) {
        call = (...args) =>
          new Promise((resolve, reject) => {
            lastId += 1;
            waiting.set(lastId, { resolve, reject });
            endpoint.postMessage({ id: lastId, method, args } satisfies Call);
          });
        methods.set(method, call);
      }
      return call;
    },
  });
}
