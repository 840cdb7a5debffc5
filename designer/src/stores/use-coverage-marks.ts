import type { CoverageMarks } from '../model/coverage-marks.ts';
import { useDesigner } from './designer-context.tsx';
import { useFiles } from './files-context.tsx';

/** The coverage marks to draw on this canvas: only on the flow the report covers, never on a recorded call's version of it. */
export function useCoverageMarks(): CoverageMarks | null {
  const flowId = useDesigner((state) => state.flowId);
  const coverage = useFiles((state) => state.coverage);
  return coverage !== null && coverage.flowId === flowId ? coverage : null;
}
