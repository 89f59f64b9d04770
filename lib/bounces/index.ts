/** Bounce classification shared by the server (ingest) and the extension: pure, no Node or browser APIs. */
export { classifyDiagnostic, classifyMessage, classifyMessageWithSource, type DiagnosticInput } from './classify';
export { readSesNotification, sesNotificationSchema, type SesNotification } from './esp/ses';
export type { RawMessage } from './mime';
export {
  bounceResultSchema, classOf, reasonClass, reasonSchema, reasons, resultClassSchema,
  type BounceResult, type Reason, type ResultClass,
} from './schema';
