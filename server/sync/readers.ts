import { Worker } from 'node:worker_threads';
import type { Db } from '../db/open';
import { answerSync, type SyncAnswer, type SyncRequest } from './answer';

/** Where `GET /v1/sync` pages are read: on the event loop, or in reader threads. */
export interface SyncReader {
  answer(request: SyncRequest): Promise<SyncAnswer>;
  close(): Promise<void>;
}

/** On the event loop, over the app's own connection: for an in-memory database (tests), which no thread can open. */
export function inThreadReader(db: Db): SyncReader {
  return { answer: async (request) => answerSync(db, request), close: async () => {} };
}

interface Pending {
  resolve(answer: SyncAnswer): void;
  reject(error: Error): void;
}

interface Reader {
  worker: Worker;
  pending: Map<number, Pending>;
}

type ReaderMessage = { id: number; answer: SyncAnswer } | { id: number; error: string };

/**
 * `size` threads (server/sync/worker.ts), each with a read-only connection to the database `file`. A 1,000-row page
 * is a few ms of SQLite and JSON building: on the event loop it held up every other request, webhook ingest
 * included, and left the other cores idle. A request goes to the thread with the fewest in flight; a thread that
 * dies fails what it had (500: the extension retries) and is replaced.
 */
export function threadReaders(file: string, size: number): SyncReader {
  let nextId = 0;
  let closing = false;
  const readers: Reader[] = [];

  const spawn = (): Reader => {
    const worker = startWorker({ file });
    const reader: Reader = { worker, pending: new Map() };
    const failAll = (error: Error) => {
      for (const pending of reader.pending.values()) pending.reject(error);
      reader.pending.clear();
    };
    worker.on('message', (message: ReaderMessage) => {
      const pending = reader.pending.get(message.id);
      reader.pending.delete(message.id);
      if ('error' in message) pending?.reject(new Error(message.error));
      else pending?.resolve(message.answer);
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      failAll(new Error(`The sync reader thread stopped (exit code ${code})`));
      const at = readers.indexOf(reader);
      if (!closing && at !== -1) readers[at] = spawn();
    });
    return reader;
  };
  for (let i = 0; i < size; i++) readers.push(spawn());

  return {
    answer(request) {
      const reader = readers.reduce((least, r) => (r.pending.size < least.pending.size ? r : least));
      const id = nextId++;
      return new Promise<SyncAnswer>((resolve, reject) => {
        reader.pending.set(id, { resolve, reject });
        reader.worker.postMessage({ id, request });
      });
    },
    async close() {
      closing = true;
      await Promise.all(readers.map((reader) => reader.worker.terminate()));
    },
  };
}

/**
 * worker.ts in a new thread. The server runs from TypeScript through tsx, whose loader `node --import tsx` registers
 * for the main thread only: the thread registers it first, then loads its entry.
 */
function startWorker(workerData: { file: string }): Worker {
  const entry = new URL('./worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { eval: true, workerData });
}
