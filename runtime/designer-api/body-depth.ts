import type { RequestHandler } from 'express';
import { DesignerApiError } from './api-error.ts';

/** Far deeper than any flow or Studio / Connect export nests; deeper bodies would overflow the linter's and zod's recursion. */
export const MAX_BODY_DEPTH = 100;

/** Whether a parsed JSON value nests arrays and objects deeper than `limit`; walked with a stack, so depth itself cannot overflow it. */
export function isNestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** A 400 for a JSON body nested deeper than MAX_BODY_DEPTH, before any route walks it. */
export const refuseDeepBodies: RequestHandler = (req, _res, next) => {
  if (isNestedDeeperThan(req.body, MAX_BODY_DEPTH)) throw new DesignerApiError(400, `the body nests deeper than ${MAX_BODY_DEPTH} levels of objects and arrays`);
  next();
};
