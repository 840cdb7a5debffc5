import type { Finding } from '../lint/types.ts';

/** One field that differs between two versions, in words a designer reads. */
export interface FieldChange {
  /** dotted path of the field, e.g. `noInput.retries` */
  field: string;
  /** the field in words, e.g. `no input retries` */
  words: string;
  /** the value before, shortened for a report; undefined when the field was not set */
  before?: string;
  /** the value after, shortened for a report; undefined when the field is no longer set */
  after?: string;
}

/** A node as a report names it. */
export interface NodeSummary {
  nodeId: string;
  kind: string;
  label?: string;
}

/** A node present in both versions whose own fields (not its routes) differ. */
export interface NodeChange extends NodeSummary {
  fields: FieldChange[];
}

/** A route: the call leaves `nodeId` by the exit a caller or an outcome picks and goes to `target`. */
export interface Route {
  nodeId: string;
  /** the exit in words, e.g. `press 1`, `no input`, `busy` */
  exit: string;
  target: string;
}

/** A route of the same node and exit that now goes elsewhere. */
export interface RouteChange {
  nodeId: string;
  exit: string;
  before: string;
  after: string;
}

/** Steps and seconds to a person from one node; null where no person can be reached. */
export interface Reach {
  /** caller steps to a live person when the line is open and people answer */
  best: number | null;
  /** caller steps to a person or a follow-up when every transfer fails and every queue is full */
  worst: number | null;
  /** worst-case seconds to a person or a follow-up, rounded */
  seconds: number | null;
}

/** A node present in both versions whose distance to a person changed. */
export interface ReachChange {
  nodeId: string;
  label?: string;
  before: Reach;
  after: Reach;
}

/** What the header says of one version. */
export interface DiffVerdict {
  errorCount: number;
  warningCount: number;
  /** the step budget the guarantee is checked against */
  maxSteps: number;
  /** one line, e.g. `Every caller reaches a person within 3 steps` or `2 errors break the guarantee` */
  text: string;
}

/** What changes for callers between two versions of a flow; every list empty when nothing does. */
export interface FlowDiff {
  /** fields of the flow itself (name, entry, settings, rules) */
  flow: FieldChange[];
  nodes: { added: NodeSummary[]; removed: NodeSummary[]; changed: NodeChange[] };
  routes: { added: Route[]; removed: Route[]; changed: RouteChange[] };
  /** nodes in both versions, in the order callers meet them */
  reach: ReachChange[];
  findings: {
    /** in the new version only, matched by rule, node and message */
    appeared: Finding[];
    /** in the old version only */
    cleared: Finding[];
  };
  verdict: { before: DiffVerdict; after: DiffVerdict };
}
