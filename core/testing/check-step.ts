import type { GuardReason, Speech } from '../interpreter/index.ts';
import { countOf } from '../format/words.ts';
import { describeStep, type ScenarioStep } from './scenario.ts';

// The checks of a scenario's assertion steps, written once for both engines:
// the offline one (the interpreter's steps) and the one over webhooks (what a
// caller hears, plus the runtime's trace of a test call).

/** Speaking pace for `withinSeconds`: 150 words a minute. */
const WORDS_PER_SECOND = 2.5;

/** What an engine knows of a call when a step is checked. */
export interface CallView {
  /** prompts heard since the caller's last input */
  heard: readonly Speech[];
  /** every node entered since the call began */
  path: ReadonlySet<string>;
  /** when a person was first reached: caller steps and seconds into the call */
  person: { steps: number; seconds: number } | undefined;
  reached: 'none' | 'person' | 'followUp';
  /** set when the run-time guard sent the caller to a person */
  guard: GuardReason | undefined;
  hungUp: boolean;
  /** the node the call waits at, or how it ended, or the flow a goto handed it to (a flow the engine does not have) */
  wait: { kind: 'end'; reason: 'hangup' | 'unconnected' } | { kind: 'waiting'; nodeId: string } | { kind: 'linked'; nodeId: string; flowId: string };
}

/** Why a step fails, in words. */
export interface StepProblem {
  /** what the step wanted */
  expected: string;
  /** what happened instead */
  found: string;
}

export const speakingSeconds = (speech: readonly Speech[]): number =>
  speech.reduce((sum, s) => sum + (s.type === 'say' ? s.text.split(/\s+/).filter(Boolean).length / WORDS_PER_SECOND : 0), 0);

export const toHeardText = (speech: Speech): string => (speech.type === 'say' ? speech.text : `[audio ${speech.url}]`);

export function describeEnd(call: CallView): string {
  if (call.hungUp) return 'the caller had hung up';
  const { wait } = call;
  if (wait.kind === 'linked') return `the call continues in flow ${wait.flowId}, which this test does not follow`;
  if (wait.kind !== 'end') return `the call waits at ${wait.nodeId}`;
  if (call.guard) return `the call ended after the guard stepped in (${call.guard})`;
  return wait.reason === 'hangup' ? 'the call had ended' : 'the call ended: the flow had no route there';
}

/** Why an assertion step (expect, reaches, ends) fails, or undefined when it passes or is an input step; a call gone on in a flow the test does not follow says so. */
export function checkStep(step: ScenarioStep, call: CallView): StepProblem | undefined {
  const problem = findProblem(step, call);
  if (problem === undefined || call.wait.kind !== 'linked' || step.ends) return problem;
  return { ...problem, found: `${problem.found}: ${describeEnd(call)}` };
}

function findProblem(step: ScenarioStep, call: CallView): StepProblem | undefined {
  if (step.expect) {
    const { contains, matches, language } = step.expect.prompt;
    const heard = call.heard.filter((s) => language === undefined || (s.type === 'say' && s.language.toLowerCase() === language.toLowerCase()));
    const text = heard.map(toHeardText).join(' ');
    const ok = contains !== undefined ? text.toLowerCase().includes(contains.toLowerCase()) : new RegExp(matches ?? '', 'iu').test(text);
    if (ok) return undefined;
    const what = contains !== undefined ? `"${contains}"` : `/${matches}/`;
    return { expected: `a prompt${language ? ` in ${language}` : ''} with ${what}`, found: heard.length === 0 ? 'no prompt' : 'other prompts' };
  }
  if (step.reaches) {
    const goal = step.reaches;
    if ('node' in goal) return call.path.has(goal.node) ? undefined : { expected: `the call to reach node "${goal.node}"`, found: 'the call never entered it' };
    if ('followUp' in goal) {
      return call.reached === 'followUp' ? undefined : { expected: 'a follow-up (voicemail or call back)', found: call.reached === 'person' ? 'a person instead' : 'no follow-up' };
    }
    const expected = describeStep(step).replace(/^reach /, '');
    if (call.person === undefined) return { expected, found: 'no person was reached' };
    if (goal.withinSteps !== undefined && call.person.steps > goal.withinSteps) return { expected, found: `a person after ${countOf(call.person.steps, 'step')}` };
    if (goal.withinSeconds !== undefined && call.person.seconds > goal.withinSeconds) return { expected, found: `a person after about ${Math.round(call.person.seconds)} s` };
    return undefined;
  }
  if (step.ends) {
    const { wait } = call;
    const byChoice = call.hungUp || (wait.kind === 'end' && wait.reason === 'hangup' && call.guard === undefined);
    return byChoice ? undefined : { expected: 'the call to end by the caller\'s choice', found: wait.kind === 'waiting' ? `the call still waits at ${wait.nodeId}` : describeEnd(call) };
  }
  return undefined;
}

/** Whether the call is over for the caller as the test sees it: hung up, ended, or gone on in a flow the test does not follow. */
export const isCallOver = (call: CallView): boolean => call.hungUp || call.wait.kind !== 'waiting';
