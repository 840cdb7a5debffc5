import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Path } from '../../core/graph/path.ts';
import { continueCall, startCall, type CallEvent, type RunOptions, type Step } from '../../core/interpreter/index.ts';
import { getMaxSteps, lintParsedFlow } from '../../core/lint/linter.ts';
import type { Finding } from '../../core/lint/types.ts';
import { getKindSpec } from '../../core/nodes/registry.ts';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';
import { propertyFlow, severalFaultsFlow } from './arbitraries.ts';
import { driveToEnd, getUnusedKey, replayOnInterpreter, type Replay } from './interpreter-replay.ts';
import { seededRandom } from './stepper.ts';
import { CORE_CONFIG, CORE_RULES } from './core-rules.ts';

// The solver's verdicts against the interpreter the runtime runs (SPEC
// sections 3 and 4): every counterexample of the core rules is driven on a
// real call and must visit the same nodes and end as the finding says; flows
// the solver accepts must keep the silent and the confused caller's promise.

// PROPERTY_SEED / PROPERTY_RUNS explore further without changing the file.
const SEED = Number(process.env.PROPERTY_SEED ?? 20_261_130);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 120);
const run = { seed: SEED, numRuns: RUNS };
const TIMEOUT = Math.max(30_000, RUNS * 20);

const config = CORE_CONFIG;

function lint(flow: Flow) {
  const parsed = FlowSchema.parse(flow);
  const { result } = lintParsedFlow(parsed, { config });
  const findings = result.findings.filter((f) => CORE_RULES.includes(f.ruleId));
  return { flow: parsed, findings, accepted: !findings.some((f) => f.severity === 'error'), maxSteps: getMaxSteps(parsed, { config }) };
}

const isCallerNode = (flow: Flow, id: string) => getKindSpec(flow.nodes[id]!).decider === 'caller';

/** The path with its closing cycle walked once more: a loop comes round again. */
function toSecondRound(flow: Flow, path: Path): Path {
  const last = path.steps.at(-1)!;
  const cycle = path.steps.slice(path.steps.findIndex((s) => s.nodeId === last.nodeId), -1);
  return { ...path, steps: [...path.steps.slice(0, -1), ...cycle, last], callerSteps: path.callerSteps + cycle.filter((s) => isCallerNode(flow, s.nodeId)).length };
}

/** What the replay shows against what the finding says; empty when they agree. */
function getDisagreements(flow: Flow, finding: Finding & { path: Path }, replay: Replay): string[] {
  const { path } = finding;
  const problems: string[] = [];
  if (replay.problem !== undefined) return [replay.problem];
  const nodes = path.steps.map((s) => s.nodeId);
  const exits = path.steps.flatMap((s) => (s.exitId === undefined ? [] : [s.exitId]));
  const visited = replay.visited.slice(0, nodes.length);
  if (visited.join(' ') !== nodes.join(' ')) problems.push(`visits ${replay.visited.join(' ')}, not ${nodes.join(' ')}`);
  if (replay.exits.slice(0, exits.length).join(' ') !== exits.join(' ')) problems.push(`leaves by ${replay.exits.join(' ')}, not ${exits.join(' ')}`);
  const { state, wait } = replay.last;
  const lastNode = nodes.at(-1)!;
  const guardedLoop = path.end === 'loop' && state.guard === 'loop';
  // Where an operator key leads (`open`) is all its finding says: a loop of steps the call falls into past it is another finding's.
  const guardPastOpen = path.end === 'open' && replay.visited.length > nodes.length;
  if (state.guard !== undefined && !guardedLoop && !guardPastOpen) problems.push(`the guard fired (${state.guard})`);
  if (state.reached === 'person') problems.push('a person answered');
  // A loop's last node may be one the call does not wait at: the call goes on round the cycle to its next wait.
  const cycle = path.end === 'loop' ? nodes.slice(nodes.indexOf(lastNode), -1) : [];
  const beyond = replay.visited.slice(nodes.length);
  const goesRound = beyond.every((id, k) => id === cycle[(k + 1) % cycle.length]);
  // A closing node, or where an operator key leads (an `open` route), may be one the call crosses without waiting.
  const closes = (path.end === 'hangup' && path.steps.at(-1)!.exit === undefined) || path.end === 'open';
  if (beyond.length > 0 && !guardedLoop && !goesRound && !closes) problems.push(`went on past the path: ${beyond.join(' ')}`);
  const callerSteps = path.callerSteps + (path.end === 'loop' && isCallerNode(flow, lastNode) ? 1 : 0);
  switch (path.end) {
    case 'hangup':
      if (path.steps.at(-1)!.exit !== undefined) {
        // An option the caller picked ends the call as its choice; any other unconnected exit as a fault.
        const reason = path.steps.at(-1)!.exitId!.startsWith('options.') ? 'hangup' : 'unconnected';
        if (wait.kind !== 'end' || wait.reason !== reason) problems.push(`ends with a ${wait.kind} wait (${wait.kind === 'end' ? wait.reason : ''}), not a hang-up (${reason})`);
      } else {
        const end = driveToEnd(flow, replay);
        if (end.wait.kind !== 'end' || end.state.reached !== 'none') problems.push(`from the closing node ${lastNode} the call goes on to a ${end.wait.kind} wait`);
      }
      break;
    case 'loop':
      if (!guardedLoop && (state.at === undefined || !cycle.includes(state.at))) problems.push(`waits at ${state.at ?? '(ended)'}, not in the cycle ${cycle.join(' ')}`);
      if (!guardedLoop && beyond.length === 0 && state.steps !== callerSteps) problems.push(`counts ${state.steps} caller steps, the path ${callerSteps}`);
      break;
    case 'person':
      if ((wait.kind !== 'dial' && wait.kind !== 'queue') || state.at !== lastNode) problems.push(`waits at ${state.at} (${wait.kind}), not for the person at ${lastNode}`);
      if (state.steps !== callerSteps) problems.push(`counts ${state.steps} caller steps, the path ${callerSteps}`);
      break;
    case 'followUp':
      if ((wait.kind !== 'record' && wait.kind !== 'callbackNumber') || state.at !== lastNode) problems.push(`waits at ${state.at} (${wait.kind}), not at the follow-up ${lastNode}`);
      if (state.steps !== callerSteps) problems.push(`counts ${state.steps} caller steps, the path ${callerSteps}`);
      break;
    case 'open':
      break;
  }
  return problems;
}

/** Runs `check` on every core finding with a path of every generated flow; returns the findings seen by rule. */
function eachCounterexample(arb: fc.Arbitrary<Flow>, check: (finding: Finding & { path: Path }, flow: Flow, speech: boolean) => void): Map<string, number> {
  const seen = new Map<string, number>();
  fc.assert(
    fc.property(arb, fc.boolean(), (generated, speech) => {
      const { flow, findings } = lint(generated);
      for (const finding of findings) {
        if (finding.path === undefined) continue;
        seen.set(finding.ruleId, (seen.get(finding.ruleId) ?? 0) + 1);
        check(finding as Finding & { path: Path }, flow, speech);
      }
    }),
    run,
  );
  return seen;
}

const describeFinding = (f: Finding & { path: Path }) => `${f.ruleId} at ${f.nodeId} (${f.scenario ?? '-'}): ${JSON.stringify(f.path)}`;

describe('counterexamples replayed on the interpreter', { timeout: TIMEOUT }, () => {
  it('visit the same nodes by the same exits, keys, phrases, silence and outcomes, and end as the finding says', () => {
    let spoken = 0;
    let offers = 0;
    const seen = eachCounterexample(propertyFlow, (finding, flow, speech) => {
      const replay = replayOnInterpreter(flow, finding.path, speech);
      expect(getDisagreements(flow, finding, replay), `${describeFinding(finding)}\ninterpreter: ${replay.visited.join(' ')}`).toEqual([]);
      if (replay.events.some((e) => e.type === 'input' && e.speech?.startsWith('um,'))) spoken++;
      if (replay.exits.includes('callbackOffer.next')) offers++;
    });
    // Every rule's counterexamples, phrases said and offers pressed are among those replayed.
    for (const rule of ['silent-caller', 'dead-end', 'endless-loop', 'human-unreachable', 'operator-key']) expect(seen.get(rule) ?? 0, rule).toBeGreaterThan(RUNS / 20);
    expect(seen.get('steps-to-human') ?? 0).toBeGreaterThan(0);
    expect(spoken).toBeGreaterThan(RUNS / 20);
    expect(offers).toBeGreaterThan(0);
  });

  it('of a loop come round to the same node again when the cycle is driven once more', () => {
    eachCounterexample(severalFaultsFlow, (finding, flow, speech) => {
      if (finding.path.end !== 'loop') return;
      const again = toSecondRound(flow, finding.path);
      const replay = replayOnInterpreter(flow, again, speech);
      const disagreements = getDisagreements(flow, { ...finding, path: again }, replay);
      expect(disagreements, `${describeFinding(finding)}\ninterpreter: ${replay.visited.join(' ')}`).toEqual([]);
    });
  });
});

/** A fixed caller, or one who picks `choices` options at random and then falls silent (holding in a queue, say). */
type Caller = 'silent' | 'confused' | { choices: number; random: () => number };

/** The caller's answer at an input wait: nothing, something no option or pattern takes, or a valid choice. */
function toAnswer(flow: Flow, caller: Caller, step: Step): CallEvent {
  if (typeof caller === 'object' && caller.choices > 0 && step.wait.kind === 'input') {
    caller.choices--;
    const node = flow.nodes[step.wait.nodeId]!;
    if (node.kind !== 'menu') return { type: 'input', digits: '1234#' };
    const option = node.options[Math.floor(caller.random() * node.options.length)]!;
    return option.key === undefined ? { type: 'input', speech: option.phrases![0] } : { type: 'input', digits: option.key };
  }
  if (caller !== 'confused' || step.wait.kind !== 'input') return { type: 'input' };
  const node = flow.nodes[step.wait.nodeId]!;
  if (node.kind === 'menu') return { type: 'input', digits: getUnusedKey(node) };
  return node.kind === 'input' ? { type: 'input', speech: 'I do not know it' } : { type: 'input', digits: '9' };
}

/**
 * The environment's move at a wait: outcomes other than the caller's, drawn once per node from
 * `random` and then kept (`strategy`), so an environment that times a queue out does so every time.
 */
function toOutcome(step: Step, random: () => number, strategy: Map<string, number>): CallEvent | undefined {
  const nodeId = step.state.at ?? '';
  if (!strategy.has(nodeId)) strategy.set(nodeId, random());
  const pick = <T>(items: readonly T[]): T => items[Math.floor(strategy.get(nodeId)! * items.length)]!;
  switch (step.wait.kind) {
    case 'dial':
      return { type: 'dial', outcome: pick(['answered', 'busy', 'noAnswer', 'failed'] as const) };
    case 'queue':
      return { type: 'queue', outcome: pick(step.wait.maxWait === undefined ? (['answered', 'full'] as const) : (['answered', 'full', 'timeout'] as const)) };
    case 'lookup':
      return { type: 'lookup', outcome: pick(['ok', 'failed', 'timeout'] as const) };
    default:
      return undefined;
  }
}

/** A call by `caller` against a random environment: how it ended and after how many caller steps. */
function callAs(flow: Flow, caller: Caller, seed: number): { end: 'person' | 'followUp' | 'hangup' | 'bound'; steps: number; trace: string[]; silentFrom: number } {
  const random = seededRandom(seed);
  // Caller steps taken before the caller fell silent: the guarantee holds from there on.
  let silentFrom = 0;
  const strategy = new Map<string, number>();
  const options: RunOptions = { flowVersion: 'property', now: new Date(Date.UTC(2026, 5, 1 + Math.floor(random() * 7), Math.floor(random() * 24))), random };
  let step = startCall(flow, { callSid: 'CAprop' }, options);
  const trace = [...(step.path ?? [])];
  for (let events = 0; events < 100; events++) {
    const { wait, state } = step;
    const ended = (end: 'person' | 'followUp' | 'hangup' | 'bound') => ({ end, steps: state.steps, trace, silentFrom });
    if (wait.kind === 'end') return ended(state.reached === 'none' ? 'hangup' : state.reached);
    if (wait.kind === 'record' || wait.kind === 'callbackNumber') return ended('followUp');
    if (typeof caller === 'object' && caller.choices > 0) silentFrom = state.steps;
    const event = wait.kind === 'input' ? toAnswer(flow, caller, step) : toOutcome(step, random, strategy);
    if (event === undefined) return ended('bound');
    if (event.type === 'dial' && event.outcome === 'answered') return ended('person');
    if (event.type === 'queue' && event.outcome === 'answered') return ended('person');
    step = continueCall(flow, state, event, options);
    trace.push(`(${event.type === 'input' ? (event.digits ?? event.speech ?? 'silence') : (event as { outcome: string }).outcome})`, ...(step.path ?? []));
  }
  return { end: 'bound', steps: step.state.steps, trace, silentFrom };
}

describe('flows the solver accepts, called on the interpreter', { timeout: TIMEOUT }, () => {
  it('bring the silent and the confused caller, and one who falls silent after choosing, to a person or a follow-up within N caller steps, whatever the environment does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(propertyFlow, fc.integer(), (generated, seed) => {
        const { flow, accepted: clean, maxSteps } = lint(generated);
        if (!clean) return;
        accepted++;
        for (const caller of ['silent', 'confused'] as const) {
          for (let env = 0; env < 10; env++) {
            const call = callAs(flow, caller, seed + env * 7919);
            expect((call.end === 'person' || call.end === 'followUp') && call.steps <= maxSteps, `${caller} caller: ${call.trace.join(' ')} [${call.end}, ${call.steps} steps]`).toBe(true);
          }
        }
        // A caller who picks options and then falls silent (holding in a queue, say) is a silent caller from there on.
        for (let env = 0; env < 10; env++) {
          const random = seededRandom(seed + env * 104_729);
          const call = callAs(flow, { choices: 1 + Math.floor(random() * 3), random }, seed + env);
          // It may end the call by an option it picked; else it meets a person or a follow-up.
          if (call.end === 'hangup') continue;
          expect(call.end !== 'bound' && call.steps - call.silentFrom <= maxSteps, `silent after choosing: ${call.trace.join(' ')} [${call.end}, ${call.steps} steps, silent after ${call.silentFrom}]`).toBe(true);
        }
      }),
      run,
    );
    expect(accepted).toBeGreaterThan(RUNS / 10);
  });

});
