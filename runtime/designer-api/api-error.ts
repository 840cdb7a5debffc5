import type { z } from 'zod';
import type { Finding } from '../../core/lint/types.ts';
import { describeIssues } from './schemas.ts';

/** A refusal the designer shows as it is: `{ error, findings? }` with its status. */
export class DesignerApiError extends Error {
  override name = 'DesignerApiError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409,
    message: string,
    readonly findings?: Finding[],
  ) {
    super(message);
  }
}

/** Parses a request's input; a mismatch is a 400 naming the first issue. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new DesignerApiError(400, describeIssues(result.error, what));
  return result.data;
}
