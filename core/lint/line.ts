import { buildFlowGraph, UNKNOWN_TARGET, type FlowGraph } from '../graph/flow-graph.ts';
import type { Path } from '../graph/path.ts';
import { readLinkTarget } from '../nodes/link.ts';
import { getExits } from '../nodes/registry.ts';
import type { Flow } from '../schema/flow.ts';
import { toFlowId } from '../schema/flow-id.ts';
import { analyzeFlow, analyzeGraph, type Analysis } from '../solver/analyze.ts';
import { countFindings } from './findings.ts';
import { getStats, runRules, sortByDepth, type LintOptions } from './linter.ts';
import type { Rule, RuleProof } from './rule.ts';
import type { Finding, LintResult } from './types.ts';

// A phone line of several flows that hand calls to each other (`goto` nodes), judged as one:
// the flows' graphs joined into one, each node id prefixed by its flow's id (`brand:hours`; a
// node id never holds ":"), a link an edge to the node it names. The rules whose verdict
// depends on where the call goes (`acrossFlows`) run on the joined graph, once per file with
// that file's settings, and keep the findings on that file's nodes; the others judge each flow
// alone. Every flow's entry is a start of the line: a caller can be sent to any flow by its number.

/** A parsed flow and the file it came from, as given by the user. */
export interface LineSource {
  file: string;
  flow: Flow;
  /** the id the line knows the flow by, when its file name does not say it (a flow kept in Redis); default: `toLineFlowId(file)` */
  flowId?: string;
}

/** The id a flow file has in a line: its file name, as the flows folder names flows ("brand.json" is "brand"). */
export function toLineFlowId(file: string): string {
  return toFlowId(file.split(/[\\/]/).at(-1) ?? file);
}

/** The flow ids `flow`'s links name, in node order, each once. */
export function getLinkedFlowIds(flow: Flow): string[] {
  const ids = new Set<string>();
  for (const node of Object.values(flow.nodes)) {
    for (const exit of getExits(node)) {
      const link = exit.target === undefined ? undefined : readLinkTarget(exit.target);
      if (link !== undefined) ids.add(link.flowId);
    }
  }
  return [...ids];
}

/** Whether any node of `flow` continues the call in another flow. */
export function hasLinks(flow: Flow): boolean {
  return Object.values(flow.nodes).some((node) => getExits(node).some((exit) => exit.target !== undefined && readLinkTarget(exit.target) !== undefined));
}

/**
 * hasLinks of the flow a graph of one flow was built from, read from its columns: a link names
 * no node of its own flow, so it is among the unknown targets. `humanline lint` asks it of every
 * file it has linted; walking the flow's nodes again cost a 100,000-state export 150 ms.
 */
export function graphHasLinks(graph: FlowGraph): boolean {
  const { exitTarget, exitTargetId } = graph;
  for (let exit = 0; exit < exitTarget.length; exit++) {
    if (exitTarget[exit] === UNKNOWN_TARGET && readLinkTarget(exitTargetId[exit]!) !== undefined) return true;
  }
  return false;
}

interface LineGraph {
  graph: FlowGraph;
  /** the index in the sources of each node's flow */
  owner: Int32Array;
  /** the first node index of each source */
  firstNode: number[];
}

function buildLineGraph(sources: readonly LineSource[], flowIds: readonly string[], flows: ReadonlyMap<string, Flow>): LineGraph {
  const nodes: Flow['nodes'] = {};
  const owner: number[] = [];
  const firstNode: number[] = [];
  sources.forEach(({ flow }, index) => {
    firstNode.push(owner.length);
    for (const [id, node] of Object.entries(flow.nodes)) {
      nodes[`${flowIds[index]}:${id}`] = node;
      owner.push(index);
    }
  });
  const starts = sources.map(({ flow }, index) => `${flowIds[index]}:${flow.entry}`);
  const line: Flow = { name: 'line', entry: starts[0] ?? '', nodes };
  const graph = buildFlowGraph(line, {
    starts,
    resolve: (target, source) => {
      const link = readLinkTarget(target);
      if (link === undefined) return `${flowIds[owner[source]!]}:${target}`;
      const linked = flows.get(link.flowId);
      return linked === undefined ? undefined : `${link.flowId}:${link.nodeId ?? linked.entry}`;
    },
  });
  return { graph, owner: Int32Array.from(owner), firstNode };
}

/**
 * A walk on the line told in the files' terms: each step its node id without the flow prefix and,
 * where the walk crosses into another flow, its file (a walk inside the flow reported on reads as
 * it does when the flow is linted alone).
 */
function toFilePath(path: Path, graph: FlowGraph, toFile: (node: number) => LineSource, own: LineSource): Path {
  const sources = path.steps.map((step) => toFile(graph.indexOf.get(step.nodeId)!));
  const crosses = sources.some((source) => source !== own);
  return {
    ...path,
    steps: path.steps.map((step, index) => {
      const local = step.nodeId.slice(step.nodeId.indexOf(':') + 1);
      return crosses ? { ...step, nodeId: local, file: sources[index]!.file } : { ...step, nodeId: local };
    }),
  };
}

/** A line finding told in the file's own terms: its node id without the flow prefix, its walk as `toFilePath` tells it. */
function toFileFinding(finding: Finding, graph: FlowGraph, prefixLength: number, toFile: (node: number) => LineSource, own: LineSource): Finding {
  const nodeId = finding.nodeId?.slice(prefixLength);
  const path = finding.path === undefined ? undefined : toFilePath(finding.path, graph, toFile, own);
  return { ...finding, ...(nodeId !== undefined ? { nodeId } : {}), ...(path !== undefined ? { path } : {}) };
}

/** A line proof told in the file's own terms, as its findings are (its node is always the file's own). */
function toFileProof(proof: RuleProof, graph: FlowGraph, prefixLength: number, toFile: (node: number) => LineSource, own: LineSource): RuleProof {
  const { path, ...rest } = proof;
  return { ...rest, nodeId: proof.nodeId.slice(prefixLength), ...(path !== undefined ? { path: toFilePath(path, graph, toFile, own) } : {}) };
}

/** A line joined once, to be judged as many times as a report has rule settings. */
export interface Line {
  sources: readonly LineSource[];
  /** each source's flow id, in the sources' order */
  flowIds: string[];
  /** the sources whose flow id no other source shares: the flows joined */
  inLine: LineSource[];
  flows: ReadonlyMap<string, Flow>;
  graph: FlowGraph;
  owner: Int32Array;
  firstNode: number[];
  analysis: Analysis;
}

/** What the solver found for a line: reused by the next lint of the same line after an edit (the designer's). */
export interface LineAnalyses {
  /** the joined graph's analysis, node ids prefixed by their flow's id */
  line: Analysis;
  /** each source's analysis alone, in the sources' order */
  files: Analysis[];
}

/**
 * Joins `sources` into one line. A flow id two files share names neither surely: those files are judged alone.
 * `previous` (the line's analysis before an edit) lends what the edit cannot change.
 */
export function createLine(sources: readonly LineSource[], previous?: Analysis): Line {
  const flowIds = sources.map(({ file, flowId }) => flowId ?? toLineFlowId(file));
  const shared = new Set(flowIds.filter((id, index) => flowIds.indexOf(id) !== index));
  const inLine = sources.filter((_, index) => !shared.has(flowIds[index]!));
  const lineIds = flowIds.filter((id) => !shared.has(id));
  const flows = new Map(inLine.map(({ flow }, index) => [lineIds[index]!, flow]));
  const { graph, owner, firstNode } = buildLineGraph(inLine, lineIds, flows);
  return { sources, flowIds, inLine, flows, graph, owner, firstNode, analysis: analyzeGraph(graph, previous) };
}

/** One flow of a line as judged: its lint result, and what a rule that holds proves for it. */
export interface LineVerdict {
  result: LintResult;
  /**
   * What `rule` proves from this flow's entry over this flow's own nodes, the walk going on into
   * the flows it links to; told in the file's terms, as findings are. Undefined when nothing finite.
   */
  prove<Options>(rule: Rule<Options>, options: Options, maxSteps: number): RuleProof | undefined;
  /** the flow's analysis alone */
  alone: Analysis;
}

/** Judges every source of `line` with the rules `options` enable, one verdict per source in the same order. */
export function judgeLine(
  line: Line,
  options: Omit<LintOptions, 'file' | 'previousAnalysis'> = {},
  previousFiles?: ReadonlyArray<Analysis | undefined>,
): LineVerdict[] {
  const { flowIds, inLine, flows, graph, owner, firstNode, analysis: lineAnalysis } = line;
  const toFile = (node: number) => inLine[owner[node]!]!;

  return line.sources.map((source, index): LineVerdict => {
    const fileOptions = { ...options, file: source.file };
    const position = inLine.indexOf(source);
    const alone = analyzeFlow(source.flow, previousFiles?.[index]);
    const ownFindings = runRules({
      flow: source.flow,
      analysis: alone,
      options: fileOptions,
      ...(position >= 0 ? { line: flows } : {}),
      includes: (rule) => position < 0 || rule.meta.acrossFlows !== true,
      reportsConfig: true,
    });
    if (position < 0) {
      const findings = sortByDepth(ownFindings, (f) => (f.nodeId === undefined ? -1 : (alone.reachable.depth[alone.graph.indexOf.get(f.nodeId) ?? -1] ?? -1)));
      return {
        result: { file: source.file, flowName: source.flow.name, findings, ...countFindings(findings), stats: getStats(alone) },
        prove: (rule, ruleOptions, maxSteps) => rule.prove?.({ flow: source.flow, analysis: alone, options: ruleOptions, maxSteps }),
        alone,
      };
    }
    const prefix = `${flowIds[index]}:`;
    const analysis: Analysis = { ...lineAnalysis, graph: { ...graph, entry: graph.indexOf.get(prefix + source.flow.entry) ?? -1 } };
    const owns = (node: number) => owner[node] === position;
    const nameNode = (node: number) => {
      const id = graph.ids[node]!;
      const local = id.slice(id.indexOf(':') + 1);
      return owns(node) ? local : `${toFile(node).file}:${local}`;
    };
    const lineFindings = runRules({
      flow: source.flow,
      analysis,
      options: fileOptions,
      line: flows,
      nameNode,
      includes: (rule) => rule.meta.acrossFlows === true,
      reportsConfig: false,
    })
      .filter((f) => f.nodeId === undefined || (f.nodeId.startsWith(prefix) && owns(graph.indexOf.get(f.nodeId) ?? -1)))
      .map((f) => toFileFinding(f, graph, prefix.length, toFile, source));
    const depthOf = (f: Finding) => {
      const node = f.nodeId === undefined ? undefined : graph.indexOf.get(prefix + f.nodeId);
      return node === undefined ? -1 : lineAnalysis.reachable.depth[node]!;
    };
    const findings = sortByDepth([...ownFindings, ...lineFindings], depthOf);
    const nodeCount = (firstNode[position + 1] ?? graph.ids.length) - firstNode[position]!;
    // a proof covers the nodes whose findings this file keeps: the others are their own file's to prove
    const ownAnalysis: Analysis = { ...analysis, checked: { ...analysis.checked, order: analysis.checked.order.filter(owns) } };
    return {
      result: { file: source.file, flowName: source.flow.name, findings, ...countFindings(findings), stats: getStats(analysis, nodeCount, owns) },
      prove: (rule, ruleOptions, maxSteps) => {
        const proof = rule.prove?.({ flow: source.flow, analysis: ownAnalysis, options: ruleOptions, maxSteps, line: flows });
        return proof === undefined ? undefined : toFileProof(proof, graph, prefix.length, toFile, source);
      },
      alone,
    };
  });
}

/** Lints `sources` as one line, one result per source in the same order. */
export function lintLine(sources: readonly LineSource[], options: Omit<LintOptions, 'file' | 'previousAnalysis'> = {}): LintResult[] {
  return judgeLine(createLine(sources), options).map(({ result }) => result);
}

/** `lintLine`, also returning the analyses; `previous` (the analyses before an edit) lends what the edit cannot change. */
export function lintLineAnalyzed(
  sources: readonly LineSource[],
  options: Omit<LintOptions, 'file' | 'previousAnalysis'> = {},
  previous?: { line?: Analysis; files?: ReadonlyArray<Analysis | undefined> },
): { results: LintResult[]; analyses: LineAnalyses } {
  const line = createLine(sources, previous?.line);
  const verdicts = judgeLine(line, options, previous?.files);
  return { results: verdicts.map(({ result }) => result), analyses: { line: line.analysis, files: verdicts.map(({ alone }) => alone) } };
}
