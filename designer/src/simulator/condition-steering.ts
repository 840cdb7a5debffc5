import { getSchedule, isScheduleOpen, type Schedule } from '../../../core/interpreter/conditions.ts';
import type { CallState } from '../../../core/interpreter/index.ts';
import { getNodeWait } from '../../../core/interpreter/waits.ts';
import type { PathStep } from '../../../core/graph/path.ts';
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

/** The conditions the call passes, with the exit the path takes, from `from` up to the next node that waits. */
function getConditionsAhead(flow: Flow, steps: readonly PathStep[], from: number, state: CallState) {
  const ahead: Array<{ id: string; test: ConditionTest; then: boolean; exitLabel: string }> = [];
  for (let i = from; i < steps.length; i++) {
    const { nodeId, exitId } = steps[i]!;
    const node = Object.hasOwn(flow.nodes, nodeId) ? flow.nodes[nodeId] : undefined;
    if (!node) break;
    if (node.kind === 'condition') {
      const taken = exitId === undefined ? undefined : findExit(flow, nodeId, exitId);
      if (taken) ahead.push({ id: node.label ?? nodeId, test: node.test, then: taken.id === 'then', exitLabel: taken.label });
    } else if (getNodeWait(flow, state, node, nodeId) !== undefined) {
      break;
    }
  }
  return ahead;
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

/** Options that make the conditions ahead take the path's exits, where the time and the draws can. */
export function getSteering(flow: Flow, steps: readonly PathStep[], from: number, state: CallState, chosenTime: Date): Steering {
  const ahead = getConditionsAhead(flow, steps, from, state);
  const notes: string[] = [];
  const hours: HoursNeed[] = [];
  const draws: number[] = [];
  for (const condition of ahead) {
    // a calendar the flow lacks is always closed: nothing to steer
    const schedule = condition.test.type === 'hours' ? getSchedule(condition.test, flow.calendars) : undefined;
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
      if (draws.length > 0) {
        let next = 0;
        overrides.random = () => (next < draws.length ? draws[next++]! : Math.random());
      }
      return overrides;
    },
  };
}
