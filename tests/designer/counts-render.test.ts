import { readFileSync } from 'node:fs';
import { ReactFlowProvider } from '@xyflow/react';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { StoreApi } from 'zustand';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { FlowList } from '../../designer/src/files/FlowList.tsx';
import { NodeFigures } from '../../designer/src/nodes/NodeFigures.tsx';
import { ProblemsPanel } from '../../designer/src/problems/ProblemsPanel.tsx';
import { DesignerProvider } from '../../designer/src/stores/designer-context.tsx';
import { createDesignerStore } from '../../designer/src/stores/designer-store.ts';
import { FilesProvider } from '../../designer/src/stores/files-context.tsx';
import { createFilesStore } from '../../designer/src/stores/files-store.ts';
import { UiProvider } from '../../designer/src/stores/ui-context.tsx';
import { createUiStore } from '../../designer/src/stores/ui-store.ts';

// Counts read as words: "1 error", never "1 errors".

/** A server render reads zustand's initial state; the state the test built is what it must show. */
const asBuilt = <S,>(store: StoreApi<S>): StoreApi<S> => ({ ...store, getInitialState: store.getState });

/** The flow that hangs up on a confused caller, with silent-caller turned down to a warning: one error, one warning. */
function getOneOfEach(): Flow {
  const flow = JSON.parse(readFileSync(new URL('../fixtures/broken/dead-end-nomatch-hangup.json', import.meta.url), 'utf8'));
  delete flow.$schema;
  return { ...flow, rules: { 'silent-caller': 'warn' } };
}

function render(children: ReactNode, flow: Flow, configureFiles: (files: ReturnType<typeof createFilesStore>) => void = () => undefined): string {
  const designer = createDesignerStore({ flow });
  const files = createFilesStore(designer);
  configureFiles(files);
  const tree = createElement(DesignerProvider, {
    store: asBuilt(designer),
    children: createElement(UiProvider, { store: asBuilt(createUiStore()), children: createElement(FilesProvider, { store: asBuilt(files), children: createElement(ReactFlowProvider, null, children) }) }),
  });
  return renderToStaticMarkup(tree).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('counts in the designer', () => {
  it('the problems panel says "1 error" and "1 warning"', () => {
    const text = render(createElement(ProblemsPanel), getOneOfEach());
    expect(text).toContain('Problems 1 error 1 warning');
  });

  it('the flow list tags a flow with "1 error"', () => {
    const text = render(createElement(FlowList), getOneOfEach(), (files) =>
      files.setState({ flows: [{ id: 'clinic', name: 'Clinic', published: true, draft: false, errorCount: 1, warningCount: 0 }] }),
    );
    expect(text).toContain('published 1 error');
    expect(text).not.toContain('1 errors');
  });

  it("a card's figures say \"1 visit\" and \"1 step\"", () => {
    const figures = { visits: 1, dropOffs: 0, zeroOuts: 0, noInputs: 0, noMatches: 0, medianStepsToPerson: 1, medianSecondsToPerson: 12 };
    const text = renderToStaticMarkup(createElement(NodeFigures, { nodeId: 'main', figures })).replace(/<[^>]+>/g, ' ');
    expect(text).toContain(' 1 visit ');
    expect(text).toMatch(/ 1 step · /);
  });
});
