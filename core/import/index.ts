// Importers from other IVR builders into humanline's flow format.
export { describeNonCallFlow, detectFormat, isFlowDocument } from './detect.ts';
export { importFlow, importLine, UNRECOGNISED_MESSAGE, type LineImport } from './import-flow.ts';
export { createFlowLinks, type FlowLinks, type ImportOptions, type ExportFile } from './flow-links.ts';
export { importTwilioStudio, NO_TRIGGER_MESSAGE } from './twilio-studio.ts';
export { importAmazonConnect } from './amazon-connect.ts';
export { toNodeId } from './node-ids.ts';
export type { ForeignFormat, ImportResult, SourceFormat } from './types.ts';
