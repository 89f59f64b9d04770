import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { answerSync, type SyncRequest } from './answer';

/**
 * A sync reader thread (server/sync/readers.ts): its own read-only connection to the database file (WAL lets it
 * read while the server writes), answering one request at a time.
 */
const { file } = workerData as { file: string };
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const port = parentPort!;

port.on('message', ({ id, request }: { id: number; request: SyncRequest }) => {
  try {
    port.postMessage({ id, answer: answerSync(db, request) });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
