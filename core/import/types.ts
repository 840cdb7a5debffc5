import type { Flow } from '../schema/flow.ts';
import type { Finding } from '../lint/types.ts';

/** The formats `importFlow` recognises; `humanline` is a flow already in our format. */
export type SourceFormat = 'humanline' | 'twilio-studio' | 'amazon-connect';

/** The formats an importer converts from. */
export type ForeignFormat = Exclude<SourceFormat, 'humanline'>;

/**
 * `ok: true` — a flow that passes `parseFlow`, with an `import` finding for everything that
 * could not be mapped exactly; `ok: false` — the export was refused whole, with the reason.
 */
export type ImportResult =
  | { ok: true; format: SourceFormat; flow: Flow; findings: Finding[] }
  | {
      ok: false;
      format?: SourceFormat;
      message: string;
      /** refused because the export routes no caller (an SMS flow, a queue flow): nothing is wrong with it, there is just nothing to check */
      routesNoCaller?: true;
    };
