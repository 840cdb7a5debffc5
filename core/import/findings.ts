import { createPseudoFinding } from '../lint/findings.ts';
import type { Finding } from '../lint/types.ts';

/** Collects the `import` findings of one conversion. */
export interface ImportFindings {
  /** something was not mapped exactly, but no route was lost */
  warn(nodeId: string | undefined, message: string): void;
  /** the mapping dropped a route the source flow had */
  lose(nodeId: string | undefined, message: string): void;
  readonly all: Finding[];
}

export function createImportFindings(): ImportFindings {
  const all: Finding[] = [];
  const add = (severity: Finding['severity'], nodeId: string | undefined, message: string): void => {
    all.push(createPseudoFinding('import', severity, message, nodeId !== undefined ? { nodeId } : {}));
  };
  return {
    warn: (nodeId, message) => add('warning', nodeId, message),
    lose: (nodeId, message) => add('error', nodeId, message),
    all,
  };
}
