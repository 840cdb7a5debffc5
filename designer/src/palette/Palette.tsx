import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import type { NodeKind } from '../../../core/schema/flow.ts';
import { findFreeSpot, type Rect, type Size } from '../model/free-spot.ts';
import { useDesignerStore } from '../stores/designer-context.tsx';
import { CATEGORY_NAMES, getKindDescription, getNodeCategory, getNodeIcon, PALETTE_KINDS } from '../nodes/node-looks.ts';
import { PALETTE_MIME } from './palette-drag.ts';

/** A card's size before React Flow has measured it, as the layout assumes. */
const UNMEASURED_CARD: Size = { width: 220, height: 80 };

/** Node kinds to drag onto the canvas, or click to drop one in the middle of the view. */
export function Palette() {
  const store = useDesignerStore();
  const { screenToFlowPosition, getNodes } = useReactFlow();

  const onDragStart = (event: DragEvent, kind: NodeKind) => {
    event.dataTransfer.setData(PALETTE_MIME, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };

  const addAtCenter = (kind: NodeKind) => {
    const canvas = document.querySelector('.hl-canvas')?.getBoundingClientRect();
    const center = canvas ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 } : { x: 400, y: 300 };
    const cards: Array<Rect & { kind: string | undefined }> = getNodes().map((card) => ({
      kind: card.type,
      ...card.position,
      width: card.measured?.width ?? UNMEASURED_CARD.width,
      height: card.measured?.height ?? UNMEASURED_CARD.height,
    }));
    // The new card is not drawn yet: assume it as large as the largest of its kind (or of any), so it cannot overlap once measured.
    const sameKind = cards.filter((card) => card.kind === kind);
    const sizedLike = sameKind.length > 0 ? sameKind : cards;
    const size = {
      width: Math.max(UNMEASURED_CARD.width, ...sizedLike.map((card) => card.width)),
      height: Math.max(UNMEASURED_CARD.height, ...sizedLike.map((card) => card.height)),
    };
    const spot = findFreeSpot(cards, screenToFlowPosition(center), size);
    store.getState().addNode(kind, { x: Math.round(spot.x), y: Math.round(spot.y) });
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
