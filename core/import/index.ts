// Importers from other IVR builders into humanline's flow format.
export { detectFormat, isFlowDocument } from './detect.ts';
export { importFlow, UNRECOGNISED_MESSAGE } from './import-flow.ts';
export { importTwilioStudio, NO_TRIGGER_MESSAGE } from './twilio-studio.ts';
export { importAmazonConnect } from './amazon-connect.ts';
export { toNodeId } from './node-ids.ts';
export type { ForeignFormat, ImportResult, SourceFormat } from './types.ts';
