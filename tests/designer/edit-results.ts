import type { Flow } from '../../core/schema/flow.ts';
import type { EditRefusal, EditResult } from '../../designer/src/model/edit-result.ts';

/** The flow an edit answered; throws, failing the test, when the edit was refused. */
export function edited(result: EditResult): Flow {
  if (!result.ok) throw new Error(`the edit was refused: ${result.error}`);
  return result.flow;
}

/** Why an edit was refused; throws, failing the test, when it went through. */
export function refusal(result: EditResult): EditRefusal {
  if (result.ok) throw new Error('the edit was not refused');
  return result;
}
