import type { FlowNode } from '../schema/flow.ts';
import { createImportFindings, type ImportFindings } from './findings.ts';
import type { FlowLinks, ImportOptions } from './flow-links.ts';
import { NodeIds } from './node-ids.ts';

/** What one conversion builds up: the nodes, their positions, the id map and the findings. */
export interface ImportContext {
  readonly ids: NodeIds;
  readonly findings: ImportFindings;
  readonly nodes: Map<string, FlowNode>;
  readonly positions: Map<string, { x: number; y: number }>;
  /** the other exports of the run, for links to them */
  readonly links: FlowLinks;
  /**
   * The node id a transition goes to. A name the export does not hold is reported and left
   * unconnected: the validator then counts it as a hangup, and the importer invents nothing.
   */
  target(fromNodeId: string, sourceName: unknown, exitLabel: string): string | undefined;
}

export function createImportContext(options: ImportOptions = {}): ImportContext {
  const findings = createImportFindings();
  const ids = new NodeIds(findings);
  return {
    ids,
    findings,
    nodes: new Map(),
    positions: new Map(),
    links: options.links ?? (() => undefined),
    target(fromNodeId, sourceName, exitLabel) {
      if (sourceName === undefined || sourceName === null || sourceName === '') return undefined;
      if (typeof sourceName !== 'string') {
        findings.lose(fromNodeId, `${exitLabel} names its next step with a ${typeof sourceName}, not a string: left unconnected (the call hangs up there)`);
        return undefined;
      }
      const id = ids.get(sourceName);
      if (id === undefined) {
        findings.lose(fromNodeId, `${exitLabel} goes to "${sourceName}", which is not in the export: left unconnected (the call hangs up there)`);
      }
      return id;
    },
  };
}
