import { Panel } from '@xyflow/react';
import { X } from 'lucide-react';
import { describeCoverage, type CoverageMarks } from '../model/coverage-marks.ts';
import { useFilesStore } from '../stores/files-context.tsx';

/** What the coverage marks on the canvas mean, the report's figure, and the way to take them off. */
export function CoverageLegend({ marks }: { marks: CoverageMarks }) {
  const files = useFilesStore();
  return (
    <Panel position="top-left" className="hl-coverage-legend" data-testid="coverage-legend" aria-label="Test coverage">
      <span className="hl-coverage-figure" title={`From ${marks.fileName}; the marks follow your edits, the figure is the report's`}>
        {describeCoverage(marks)}
      </span>
      <span className="hl-coverage-key">
        <svg width="26" height="8" aria-hidden="true">
          <line x1="2" y1="4" x2="24" y2="4" className="hl-coverage-swatch" />
        </svg>
        not walked by any test
      </span>
      <button type="button" className="hl-coverage-clear" onClick={() => files.getState().clearCoverage()}>
        <X size={12} aria-hidden="true" />
        Clear marks
      </button>
    </Panel>
  );
}
