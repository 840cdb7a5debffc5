import fc from 'fast-check';
import { lintParsedFlow, getMaxSteps } from '../../core/lint/linter.ts';
import { RULES } from '../../core/lint/registry.ts';
import { propertyFlow } from './arbitraries.ts';
import { replayPath, stepsFrom, callerExitTypes } from './stepper.ts';
import { bruteForce } from './brute-force.ts';
const CORE = ['human-unreachable', 'steps-to-human', 'silent-caller', 'dead-end', 'endless-loop', 'operator-key'];
const config = { rules: Object.fromEntries(RULES.map((r) => [r.id, CORE.includes(r.id) ? 'error' : 'off'])) } as any;
const classes = new Map<string, { count: number; example: any; size: number }>();
const note = (key: string, flow: any, extra: any) => {
  const size = JSON.stringify(flow).length;
  const c = classes.get(key);
  if (!c) classes.set(key, { count: 1, example: { flow, extra }, size });
  else { c.count++; if (size < c.size) { c.example = { flow, extra }; c.size = size; } }
};
for (const flow of fc.sample(propertyFlow, { seed: 1, numRuns: 20000 })) {
  const { result } = lintParsedFlow(flow, { config });
  const maxSteps = getMaxSteps(flow, { config });
  for (const scen of ['best','worst','silent','confused'] as const) {
    const bf = bruteForce(flow, scen);
    const { analysis } = lintParsedFlow(flow, { config });
    analysis.graph.ids.forEach((id, i) => { if (analysis[scen].value[i] !== bf.get(id)) note(`value:${scen}`, flow, { id, solver: analysis[scen].value[i], brute: bf.get(id) }); });
  }
  for (const f of result.findings) {
    if (!f.path) continue;
    const { steps, problems } = replayPath(flow, f.path);
    for (const p of problems) note(`${f.ruleId}:${f.scenario}:${p.replace(/n\d|x\d|main|agent|vm|bye/g, 'N').replace(/\d+/g,'#')}`, flow, { f });
    const from = f.nodeId ? stepsFrom(steps, f.nodeId) : [];
    if (f.nodeId && from.length === 0) note(`${f.ruleId}: node not on path`, flow, { f });
    if (f.ruleId === 'dead-end' && f.path.end !== 'hangup') note('dead-end end', flow, { f });
    if (f.ruleId === 'endless-loop' && f.path.end !== 'loop') note('loop end', flow, { f });
    if (f.ruleId === 'human-unreachable' && !['hangup','loop'].includes(f.path.end)) note('hu end '+f.path.end, flow, { f });
    if (f.ruleId === 'silent-caller' && (f.path.end === 'hangup' || f.path.end === 'loop')) {
      const habit = f.scenario === 'silent-caller' ? 'noInput' : 'noMatch';
      if (!callerExitTypes(from).every((t) => t === habit)) note('silent habit', flow, { f });
    }
    const tooFar = f.ruleId === 'steps-to-human' || (f.ruleId === 'silent-caller' && (f.path.end === 'person' || f.path.end === 'followUp'));
    if (tooFar) {
      const s = callerExitTypes(from).length;
      if (!(s > maxSteps)) note('toofar not > max', flow, { f });
      const scen = ({ 'best-case': 'best', 'worst-case': 'worst', 'silent-caller': 'silent', 'confused-caller': 'confused' } as any)[f.scenario!];
      if (s !== bruteForce(flow, scen).get(f.nodeId!)) note('toofar != value', flow, { f, s, v: bruteForce(flow, scen).get(f.nodeId!) });
    }
  }
}
for (const [k, v] of classes) console.log(k, v.count, JSON.stringify(v.example));
