import { expect } from 'vitest';
import type { Walk, WalkStep } from '../../core/testing/paths.ts';

/**
 * The exits a scenario's run took follow the walk it was generated from: exactly, where the walk ends the call;
 * else they begin with it (past a walk's end the engine goes on answering the call's waits).
 */
export function expectWalkFollowed(taken: readonly WalkStep[], walk: Walk): void {
  const endsCall = walk.end === 'hangup' || walk.end === 'unconnected';
  if (endsCall) expect(taken, walk.name).toEqual(walk.steps);
  else expect(taken.slice(0, walk.steps.length), walk.name).toEqual(walk.steps);
}
