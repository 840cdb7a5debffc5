import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import type { NodeKind } from '../../../core/schema/flow.ts';
import { useDesignerStore } from '../stores/designer-context.tsx';
import { CATEGORY_NAMES, getKindDescription, getNodeCategory, getNodeIcon, PALETTE_KINDS } from '../nodes/node-looks.ts';
import { PALETTE_MIME } from './palette-drag.ts';

/** Node kinds to drag onto the canvas, or click to drop one in the middle of the view. */
export function Palette() {
  const store = useDesignerStore();
  const { screenToFlowPosition } = useReactFlow();

  const onDragStart = (event: DragEvent, kind: NodeKind) => {
    event.dataTransfer.setData(PALETTE_MIME, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };

  const addAtCenter = (kind: NodeKind) => {
    const canvas = document.querySelector('.hl-canvas')?.getBoundingClientRect();
    const center = canvas ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 3 } : { x: 400, y: 300 };
    // Each click lands a little lower, so nodes added in a row do not stack exactly.
    const count = Object.keys(store.getState().flow.nodes).length;
    const position = screenToFlowPosition(center);
    store.getState().addNode(kind, { x: Math.round(position.x + (count % 5) * 24), y: Math.round(position.y + (count % 5) * 24) });
  };

  return (
    <div className="hl-palette" data-testid="palette">
      <h3>Add a node</h3>
      {PALETTE_KINDS.map((kind) => {
        const category = getNodeCategory(kind);
        return (
          <button
            key={kind}
            type="button"
            draggable
            className={`hl-palette-item hl-cat-${category}`}
            onDragStart={(event) => onDragStart(event, kind)}
            onClick={() => addAtCenter(kind)}
            title={`${getKindDescription(kind)} (${CATEGORY_NAMES[category]}). Drag onto the canvas, or click to add.`}
            aria-label={`Add ${kind}`}
          >
            <span aria-hidden>{getNodeIcon(kind)}</span> {kind}
          </button>
        );
      })}
    </div>
  );
}
