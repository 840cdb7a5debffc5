import { describe, expect, it } from 'vitest';
import { continueCall, startCall } from '../../core/interpreter/index.ts';
import type { CallEvent, Step } from '../../core/interpreter/types.ts';
import { analyzeFlow } from '../../core/solver/analyze.ts';
import { BANK_CLOSED, BANK_OPEN, CALLER, loadFlow, press, promptOf, runOptions, SHIPPED, silence } from './helpers.ts';

// The interpreter against the validator's model (SPEC section 3): for every
// caller node of the shipped flows, the silent and the confused caller take
// exactly the route the registry's noInput / noMatch exit names, after
// exactly its re-prompts, and then reach help within the steps the solver proved.

/** The environment against the caller: nobody answers, queues are full, look-ups fail. */
function hostile(step: Step, caller: CallEvent): CallEvent | undefined {
  switch (step.wait.kind) {
    case 'input':
      return step.wait.mode === 'survey' ? silence : caller;
    case 'lookup':
      return { type: 'lookup', outcome: 'failed' };
    case 'dial':
      return { type: 'dial', outcome: 'noAnswer' };
    case 'queue':
      return { type: 'queue', outcome: 'full' };
    default:
      return undefined; // record, callbackNumber (a follow-up) or the end
  }
}

for (const name of SHIPPED) {
  describe(`${name}.json`, () => {
    const flow = loadFlow(name);
    const analysis = analyzeFlow(flow);
    const { graph } = analysis;
    const callerNodes = [...graph.byKind.menu, ...graph.byKind.input];

    it('has caller nodes to check', () => expect(callerNodes.length).toBeGreaterThan(0));

    for (const index of callerNodes) {
      const id = graph.ids[index]!;
      const node = graph.nodes[index]!;
      const exitOf = (type: 'noInput' | 'noMatch') => {
        for (let x = graph.exitStart[index]!; x < graph.exitStart[index + 1]!; x++) if (graph.exitType[x] === type) return graph.exitTargetId[x];
        throw new Error(`no ${type} exit`);
      };
      const handlers = node.kind === 'menu' ? { noInput: node.noInput, noMatch: node.noMatch } : node.kind === 'input' ? { noInput: node.noInput, noMatch: node.invalid } : {};
      const wrong: CallEvent = node.kind === 'menu' ? press(node.options.some((o) => o.key === '#') ? '*' : '#') : press('x');

      for (const [type, event] of [['noInput', silence], ['noMatch', wrong]] as const) {
        it(`${id}: the ${type === 'noInput' ? 'silent' : 'confused'} caller hears ${handlers[type]?.retries ?? 2} re-prompt(s), then goes where the ${type} exit leads`, () => {
          const options = runOptions({ from: id });
          let step = startCall(flow, CALLER, options);
          expect(step.path).toEqual([id]);
          const retries = handlers[type]?.retries ?? 2;
          for (let attempt = 1; attempt <= retries; attempt++) {
            step = continueCall(flow, step.state, event, options);
            expect(step.wait).toMatchObject({ kind: 'input', nodeId: id });
            expect(step.state.attempts[type]).toBe(attempt);
            if (handlers[type]?.prompt) expect(promptOf(step)).toHaveLength(2);
          }
          step = continueCall(flow, step.state, event, options);
          expect(step.path![0]).toBe(exitOf(type));
          expect(step.state.steps).toBe(1);
        });
      }

      for (const [fixed, game] of [['silent', analysis.silent], ['confused', analysis.confused]] as const) {
        for (const now of [BANK_OPEN, BANK_CLOSED]) {
          it(`${id}: the ${fixed} caller reaches a person or a follow-up within the ${game.value[index]} step(s) the solver proved (${now === BANK_OPEN ? 'day' : 'night'})`, () => {
            const options = runOptions({ from: id, now });
            const event = fixed === 'silent' ? silence : wrong;
            let step = startCall(flow, CALLER, options);
            for (let moves = 0; moves < 100; moves++) {
              const next = hostile(step, event);
              if (!next) break;
              step = continueCall(flow, step.state, next, options);
            }
            expect(['record', 'callbackNumber']).toContain(step.wait.kind);
            expect(step.state.steps).toBeLessThanOrEqual(game.value[index]!);
            expect(step.state.guard).toBeUndefined();
          });
        }
      }
    }
  });
}
