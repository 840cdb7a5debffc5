import type { FlowNode } from '../schema/flow.ts';
import { createImportFindings, type ImportFindings } from './findings.ts';
import type { FlowLinks, ImportOptions } from './flow-links.ts';
import { setOwn } from './json-shape.ts';
import { NodeIds } from './node-ids.ts';

/**
 * Values by node id, kept as the plain object the flow holds (`nodes`, `ui.positions`) in the
 * order ids were first set: a Map copied into a record at the end cost a 100,000-entry map
 * and a second pass over it.
 */
export class IdRecord<Value> {
  readonly record: Record<string, Value> = {};
  private empty = true;
  /** the id set last and its value: a node read back as soon as it is set costs no look-up in a 100,000-key record */
  private lastId: string | undefined;
  private lastValue: Value | undefined;

  /** Whether no id was set: asked once, so no count is kept (keeping one cost a look-up per set). */
  get isEmpty(): boolean {
    return this.empty;
  }

  get(id: string): Value | undefined {
    if (id === this.lastId) return this.lastValue;
    return Object.hasOwn(this.record, id) ? this.record[id] : undefined;
  }

  set(id: string, value: Value): void {
    this.empty = false;
    this.lastId = id;
    this.lastValue = value;
    setOwn(this.record, id, value);
  }
}

/**
 * Words for a finding, or how to make them: a function where the words cost a string built per
 * call but are needed only when something is wrong (a missing target, a missing prompt).
 */
export type LazyWords = string | (() => string);

export function toWords(words: LazyWords): string {
  return typeof words === 'string' ? words : words();
}

/** What one conversion builds up: the nodes, their positions, the id map (with the `Source` of each name) and the findings. */
export interface ImportContext<Source = unknown> {
  readonly ids: NodeIds<Source>;
  readonly findings: ImportFindings;
  readonly nodes: IdRecord<FlowNode>;
  /** undefined when the flow is only linted (`canvas: false`) */
  readonly positions: IdRecord<{ x: number; y: number }> | undefined;
  /** the other exports of the run, for links to them */
  readonly links: FlowLinks;
  /**
   * The node id a transition goes to. A name the export does not hold is reported and left
   * unconnected: the validator then counts it as a hangup, and the importer invents nothing.
   * The exit is named in the finding as `exitLabel`, followed by `ofName` quoted where given
   * (`event`, `hangup` → `event "hangup"`): passed in parts, the words are built only when needed.
   */
  target(fromNodeId: string, sourceName: unknown, exitLabel: LazyWords, ofName?: string): string | undefined;
}

function toExitWords(exitLabel: LazyWords, ofName: string | undefined): string {
  return ofName === undefined ? toWords(exitLabel) : `${toWords(exitLabel)} "${ofName}"`;
}

export function createImportContext<Source>(options: ImportOptions = {}): ImportContext<Source> {
  const findings = createImportFindings();
  const ids = new NodeIds<Source>(findings);
  return {
    ids,
    findings,
    nodes: new IdRecord(),
    positions: options.canvas === false ? undefined : new IdRecord(),
    links: options.links ?? (() => undefined),
    target(fromNodeId, sourceName, exitLabel, ofName) {
      if (sourceName === undefined || sourceName === null || sourceName === '') return undefined;
      if (typeof sourceName !== 'string') {
        findings.lose(fromNodeId, `${toExitWords(exitLabel, ofName)} names its next step with a ${typeof sourceName}, not a string: left unconnected (the call hangs up there)`);
        return undefined;
      }
      const id = ids.get(sourceName);
      if (id === undefined) {
        findings.lose(fromNodeId, `${toExitWords(exitLabel, ofName)} goes to "${sourceName}", which is not in the export: left unconnected (the call hangs up there)`);
      }
      return id;
    },
  };
}
