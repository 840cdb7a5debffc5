import { getSchedule, isScheduleOpen, type Schedule } from '../../../core/interpreter/conditions.ts';
import type { CallState } from '../../../core/interpreter/index.ts';
import { getNodeWait } from '../../../core/interpreter/waits.ts';
import type { PathStep } from '../../../core/graph/path.ts';
import { readLinkTarget } from '../../../core/nodes/link.ts';
import { isDrawingSplit } from '../../../core/nodes/split.ts';
import type { ConditionTest, Flow } from '../../../core/schema/flow.ts';
import { findExit } from './exit-events.ts';
import type { RunOverrides } from './simulator-session.ts';

// The interpreter decides conditions itself, from the time and a random draw.
// To replay a path through "closed" or "rest", the simulator picks the time and
// the draws that make those conditions go the path's way, for the one move
// that passes them.

interface HoursNeed {
  label: string;
  /** the test's hours, its own or its calendar's */
  schedule: Schedule;
  open: boolean;
  exitLabel: string;
}

export interface Steering {
  /** fresh options for each interpreter call: the split draws are used up as the call passes splits */
  getOverrides(): RunOverrides;
  /** what the simulator changed, for the transcript */
  notes: string[];
}

const QUARTER_HOUR = 15 * 60 * 1000;
/** A week and a day of quarter hours from the chosen time: every weekly range comes round. */
const SEARCH_QUARTERS = 8 * 24 * 4;
/** A split takes `then` when `random() * 100 < percent`. */
const DRAW_THEN = 0;
const DRAW_ELSE = 0.999999;

/** The flow a path step's node is in, when the simulator has it: steps of a line's walk sit in several flows. */
export type StepFlows = (step: PathStep) => Flow | undefined;

interface ConditionAhead {
  id: string;
  test: ConditionTest;
  /** the calendars of the condition's own flow */
  calendars: Flow['calendars'];
  then: boolean;
  exitLabel: string;
}

/**
 * The conditions the call passes, with the exit the path takes, from `from` up to the next node
 * that waits, across the gotos the path goes on through; and how many of those links it follows
 * before a goto where the path has the linked flow fail (the call stays there for that outcome).
 */
function getConditionsAhead(flowOf: StepFlows, steps: readonly PathStep[], from: number, state: CallState): { ahead: ConditionAhead[]; linksToFollow?: number } {
  const ahead: ConditionAhead[] = [];
  let links = 0;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i]!;
    const { nodeId, exitId } = step;
    const flow = flowOf(step);
    const node = flow && Object.hasOwn(flow.nodes, nodeId) ? flow.nodes[nodeId] : undefined;
    if (!flow || !node) break;
    const taken = exitId === undefined ? undefined : findExit(flow, nodeId, exitId);
    if (node.kind === 'condition') {
      if (taken) ahead.push({ id: node.label ?? nodeId, test: node.test, calendars: flow.calendars, then: taken.id === 'then', exitLabel: taken.label });
    } else if (node.kind === 'goto') {
      // the interpreter's move goes on through a link the path follows; it stops at one the path has fail
      if (taken?.target === undefined || readLinkTarget(taken.target) === undefined) return { ahead, linksToFollow: links };
      links++;
    } else if (getNodeWait(flow, state, node, nodeId) !== undefined) {
      break;
    }
  }
  return { ahead };
}

const fitsAll = (needs: readonly HoursNeed[], now: Date): boolean => needs.every((need) => isScheduleOpen(need.schedule, now) === need.open);

/** The chosen time if it fits, else the first quarter hour after it that does, else a holiday (closed all day). */
export function findTimeFor(needs: readonly HoursNeed[], start: Date): Date | undefined {
  for (let quarter = 0; quarter <= SEARCH_QUARTERS; quarter++) {
    const now = new Date(start.getTime() + quarter * QUARTER_HOUR);
    if (fitsAll(needs, now)) return now;
  }
  for (const need of needs) {
    for (const holiday of need.schedule.exceptions.keys()) {
      // Noon UTC falls on the same date in every zone from UTC-11 to UTC+11.
      const now = new Date(`${holiday}T12:00:00Z`);
      if (fitsAll(needs, now)) return now;
    }
  }
  return undefined;
}

function describeTime(now: Date, timeZone: string): string {
  try {
    return `${now.toLocaleString('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })} ${timeZone}`;
  } catch {
    return now.toISOString();
  }
}

/** Options that make the conditions ahead take the path's exits, where the time and the draws can, and its links go as the path goes. */
export function getSteering(flowOf: StepFlows, steps: readonly PathStep[], from: number, state: CallState, chosenTime: Date): Steering {
  const { ahead, linksToFollow } = getConditionsAhead(flowOf, steps, from, state);
  const notes: string[] = [];
  const hours: HoursNeed[] = [];
  const draws: number[] = [];
  for (const condition of ahead) {
    // a calendar the flow lacks is always closed: nothing to steer
    const schedule = condition.test.type === 'hours' ? getSchedule(condition.test, condition.calendars) : undefined;
    if (schedule) hours.push({ label: condition.id, schedule, open: condition.then, exitLabel: condition.exitLabel });
    // a 0% or 100% split draws nothing: a draw steered for it would be the next split's
    const { test } = condition;
    if (test.type === 'split' && isDrawingSplit(test.percent)) draws.push(condition.then ? DRAW_THEN : DRAW_ELSE);
  }
  let now: Date | undefined;
  if (hours.length > 0 && !fitsAll(hours, chosenTime)) {
    now = findTimeFor(hours, chosenTime);
    const first = hours[0]!;
    if (now) notes.push(`Simulated time set to ${describeTime(now, first.schedule.timezone)} so that ${first.label} is ${first.exitLabel}`);
  }
  return {
    notes,
    getOverrides() {
      const overrides: RunOverrides = {};
      if (now) overrides.now = now;
      if (linksToFollow !== undefined) overrides.linksToFollow = linksToFollow;
      if (draws.length > 0) {
        let next = 0;
        overrides.random = () => (next < draws.length ? draws[next++]! : Math.random());
      }
      return overrides;
    },
  };
}
