import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getMaxSteps, lintParsedFlow } from '../../core/lint/linter.ts';
import type { Path } from '../../core/graph/path.ts';
import type { Finding } from '../../core/lint/types.ts';
import { getExits } from '../../core/nodes/registry.ts';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';
import type { Analysis } from '../../core/solver/analyze.ts';
import { anyFlow, mostlyValidFlow, propertyFlow } from './arbitraries.ts';
import { bruteForce, deriveGame, type ScenarioName } from './brute-force.ts';
import { CORE_CONFIG, CORE_RULES } from './core-rules.ts';
import {
  callerExitTypes,
  confusedCaller,
  isGoal,
  isHangup,
  randomCaller,
  replayPath,
  seededRandom,
  silentCaller,
  stepsFrom,
  walk,
  type CallerPolicy,
  type Walk,
} from './stepper.ts';

// The solver against brute force (SPEC section 3): random flows, an
// independent value iteration, simulated callers, replayed counterexamples.

// PROPERTY_SEED / PROPERTY_RUNS explore further without changing the file.
const SEED = Number(process.env.PROPERTY_SEED ?? 20_260_601);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const run = { seed: SEED, numRuns: RUNS };
/** Per test: generous, so a bigger PROPERTY_RUNS does not time out. */
const TIMEOUT = Math.max(30_000, RUNS * 20);

const config = CORE_CONFIG;

function lint(flow: Flow) {
  // Every generated flow is a well-formed flow file.
  const parsed = FlowSchema.parse(flow);
  const { result, analysis } = lintParsedFlow(parsed, { config });
  const coreFindings = result.findings.filter((f) => CORE_RULES.includes(f.ruleId));
  const accepted = !coreFindings.some((f) => f.severity === 'error');
  return { flow: parsed, result, analysis, coreFindings, accepted, maxSteps: getMaxSteps(parsed, { config }) };
}

/** The caller who plays well: the exit the worst-case game picks. */
function optimalCaller(analysis: Analysis): CallerPolicy {
  const { graph, worst } = analysis;
  return (nodeId) => {
    const i = graph.indexOf.get(nodeId)!;
    const x = worst.via[i]!;
    return x < 0 ? -1 : x - graph.exitStart[i]!;
  };
}

const describeWalk = (w: Walk) =>
  `${w.moves.map((m) => `${m.nodeId} --${m.exit.label}-->`).join(' ')} ${w.last} [${w.end}, ${w.callerSteps} caller steps]`;

describe('generated flows', { timeout: TIMEOUT }, () => {
  it('are well-formed flow files, of every kind, from 2 to 9 nodes', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(propertyFlow, (flow) => {
        const parsed = FlowSchema.safeParse(flow);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        const n = Object.keys(flow.nodes).length;
        expect(n).toBeGreaterThanOrEqual(2);
        expect(n).toBeLessThanOrEqual(9);
        expect(flow.entry in flow.nodes).toBe(true);
        for (const node of Object.values(flow.nodes)) kinds.add(node.kind);
      }),
      run,
    );
    expect([...kinds].sort()).toEqual(['callback', 'condition', 'hangup', 'http', 'input', 'menu', 'queue', 'say', 'set', 'survey', 'transfer', 'voicemail']);
  });

  it('are both accepted and rejected often enough for the properties to mean something', () => {
    const count = (arb: fc.Arbitrary<Flow>) => {
      let accepted = 0;
      for (const flow of fc.sample(arb, { seed: SEED, numRuns: RUNS })) if (lint(flow).accepted) accepted++;
      return { accepted, rejected: RUNS - accepted };
    };
    const mixed = count(propertyFlow);
    expect(mixed.accepted).toBeGreaterThanOrEqual(RUNS / 10);
    expect(mixed.rejected).toBeGreaterThanOrEqual(RUNS / 10);
    const valid = count(mostlyValidFlow);
    expect(valid.accepted).toBeGreaterThanOrEqual(RUNS / 5);
    expect(valid.rejected).toBeGreaterThan(0);
    expect(count(anyFlow).rejected).toBeGreaterThanOrEqual(RUNS / 2);
  });
});

describe('the solver against brute-force value iteration', { timeout: TIMEOUT }, () => {
  const scenarios: ScenarioName[] = ['best', 'worst', 'silent', 'confused'];

  it('poses the same games: goals, who decides, which exits may be taken, what they cost', () => {
    fc.assert(
      fc.property(propertyFlow, (flow) => {
        const { analysis } = lint(flow);
        const { graph } = analysis;
        for (const scenario of scenarios) {
          const { spec } = analysis[scenario];
          const game = deriveGame(flow, scenario);
          graph.ids.forEach((id, i) => {
            const position = game.get(id)!;
            const where = `${scenario} game at ${id} (${flow.nodes[id]!.kind})`;
            expect(spec.goal[i] === 1, `${where}: goal`).toBe(position.goal);
            if (position.goal) return;
            expect(spec.maximise[i] === 1, `${where}: environment decides`).toBe(position.player === 'max');
            const first = graph.exitStart[i]!;
            const active = Array.from(spec.active.subarray(first, graph.exitStart[i + 1]!), (a, x) => (a ? x : -1)).filter((x) => x >= 0);
            const moves = [...position.moves, ...position.callerMoves].sort((a, b) => a.exit - b.exit);
            expect(active, `${where}: exits that may be taken`).toEqual(moves.map((m) => m.exit));
            for (const m of moves) expect(spec.weight[first + m.exit], `${where}: cost of ${m.label}`).toBe(m.cost);
            // The caller's own moves where the environment decides, and only those, are the caller's choice.
            const callerChoice = moves.filter((m) => spec.maximise[i] === 1 && spec.callerChoice?.[first + m.exit] === 1).map((m) => m.exit);
            expect(callerChoice, `${where}: the caller's moves`).toEqual(position.player === 'max' ? position.callerMoves.map((m) => m.exit) : []);
          });
        }
      }),
      run,
    );
  });

  it('gives every node the best, worst, silent and confused value that value iteration gives', () => {
    fc.assert(
      fc.property(propertyFlow, (flow) => {
        const { analysis } = lint(flow);
        for (const scenario of scenarios) {
          const expected = bruteForce(flow, scenario);
          const actual = Object.fromEntries(analysis.graph.ids.map((id, i) => [id, analysis[scenario].value[i]]));
          expect(actual, `${scenario} values`).toEqual(Object.fromEntries(expected));
        }
      }),
      run,
    );
  });
});

describe('accepted flows, walked by simulated callers', { timeout: TIMEOUT }, () => {
  const accepted = propertyFlow.filter((flow) => lint(flow).accepted);

  it('silent, confused and optimal callers reach a person or a follow-up within N steps, whatever the environment does', () => {
    fc.assert(
      fc.property(accepted, fc.integer(), (flow, seed) => {
        const { analysis, maxSteps } = lint(flow);
        const callers: Array<[string, CallerPolicy]> = [
          ['silent', silentCaller],
          ['confused', confusedCaller],
          ['optimal', optimalCaller(analysis)],
        ];
        for (const [name, caller] of callers) {
          for (let env = 0; env < 20; env++) {
            const w = walk(flow, caller, seededRandom(seed + env * 7919));
            expect(isGoal(w) && w.callerSteps <= maxSteps, `${name} caller: ${describeWalk(w)}; budget ${maxSteps}`).toBe(true);
          }
        }
      }),
      run,
    );
  });

  it('a random caller is hung up on only right after picking a menu option, and never loops with no decision of its own', () => {
    fc.assert(
      fc.property(accepted, fc.integer(), (flow, seed) => {
        for (let attempt = 0; attempt < 20; attempt++) {
          const w = walk(flow, randomCaller, seededRandom(seed + attempt * 104_729));
          if (isHangup(w)) {
            const lastDecision = w.moves.findLastIndex((m) => m.decider === 'caller');
            const chosen = w.moves[lastDecision]?.exit.type === 'option';
            // Between the option and the hang-up: only closing steps (no person, no further decision).
            const afterwards = w.moves.slice(lastDecision + 1).every((m) => m.role === 'step');
            expect(chosen && afterwards, `hung up: ${describeWalk(w)}`).toBe(true);
          }
          // No run of environment / no-decision moves comes back to a node: that would be a loop the caller cannot leave.
          // Where the caller may press for a call back, it can leave (SPEC section 3): that ends the run too.
          let run = new Set<string>();
          for (const m of w.moves) {
            if (m.decider === 'caller' || getExits(flow.nodes[m.nodeId]!).some((e) => e.byCaller)) {
              run = new Set();
              continue;
            }
            expect(run.has(m.nodeId), `environment-only loop through ${m.nodeId}: ${describeWalk(w)}`).toBe(false);
            run.add(m.nodeId);
          }
          expect(w.end, describeWalk(w)).not.toBe('stuck');
        }
      }),
      run,
    );
  });
});

describe('counterexamples of the six core rules, replayed', { timeout: TIMEOUT }, () => {
  const tooFar = (f: Finding) => f.ruleId === 'steps-to-human' || (f.ruleId === 'silent-caller' && (f.path?.end === 'person' || f.path?.end === 'followUp'));
  const scenarioOf = (f: Finding): ScenarioName =>
    ({ 'best-case': 'best', 'worst-case': 'worst', 'silent-caller': 'silent', 'confused-caller': 'confused' } as const)[f.scenario ?? 'best-case'];

  /** Runs `check` on every finding of the six rules that carries a path; returns how many it saw. */
  function eachCounterexample(check: (finding: Finding & { path: Path }, flow: Flow, maxSteps: number, what: string) => void): number {
    let seen = 0;
    fc.assert(
      fc.property(propertyFlow, (flow) => {
        const { coreFindings, maxSteps } = lint(flow);
        for (const finding of coreFindings) {
          if (finding.path === undefined) continue;
          seen++;
          check(finding as Finding & { path: Path }, flow, maxSteps, `${finding.ruleId} at ${finding.nodeId} (${finding.scenario ?? '-'}): ${JSON.stringify(finding.path)}`);
        }
      }),
      run,
    );
    return seen;
  }

  it('walk the flow from the entry, each step by an exit of its node to the next step, without passing a person or a follow-up', () => {
    const seen = eachCounterexample((finding, flow, _max, what) => {
      expect(replayPath(flow, finding.path).problems, what).toEqual([]);
    });
    expect(seen).toBeGreaterThan(RUNS);
  });

  it('end as they say: a hang-up at a closing node or an unconnected exit, a loop back to a node on the path, a person, a follow-up', () => {
    eachCounterexample((finding, flow, _max, what) => {
      expect(replayPath(flow, finding.path).endProblems, what).toEqual([]);
    });
  });

  it('end in the failure their rule reports, at a node on the path', () => {
    eachCounterexample((finding, flow, _max, what) => {
      if (finding.ruleId === 'dead-end') expect(finding.path.end, what).toBe('hangup');
      if (finding.ruleId === 'endless-loop') expect(finding.path.end, what).toBe('loop');
      // With no person anywhere, the best-case walk may also stop at a follow-up (which is no person).
      if (finding.ruleId === 'human-unreachable') {
        expect(finding.scenario === 'best-case' ? ['hangup', 'loop', 'followUp'] : ['hangup', 'loop'], what).toContain(finding.path.end);
      }
      if (finding.ruleId === 'silent-caller') expect(['silent-caller', 'confused-caller'], what).toContain(finding.scenario);
      if (finding.nodeId !== undefined) expect(stepsFrom(replayPath(flow, finding.path).steps, finding.nodeId).length, `${what}: the reported node is not on the path`).toBeGreaterThan(0);
    });
  });

  it('of a silent or confused caller take only its no-input / no-match exits from the reported node on', () => {
    eachCounterexample((finding, flow, _max, what) => {
      if (finding.ruleId !== 'silent-caller' || finding.nodeId === undefined) return;
      const habit = finding.scenario === 'silent-caller' ? 'noInput' : 'noMatch';
      const types = callerExitTypes(stepsFrom(replayPath(flow, finding.path).steps, finding.nodeId));
      expect(types.every((t) => t === habit), `${what}: caller exits ${types.join(', ')}`).toBe(true);
    });
  });

  it('of a caller too far from help take more than N caller steps from the reported node, the value brute force gives it', () => {
    eachCounterexample((finding, flow, maxSteps, what) => {
      if (!tooFar(finding) || finding.nodeId === undefined) return;
      const steps = callerExitTypes(stepsFrom(replayPath(flow, finding.path).steps, finding.nodeId)).length;
      expect(steps, `${what}: caller steps from the node`).toBeGreaterThan(maxSteps);
      const value = bruteForce(flow, scenarioOf(finding)).get(finding.nodeId);
      expect(steps, `${what}: value ${value}`).toBe(value);
    });
  });
});
