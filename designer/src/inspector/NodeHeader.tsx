import { useState } from 'react';
import type { FlowNode } from '../../../core/schema/flow.ts';
import { useDesigner, useDesignerStore } from '../stores/designer-context.tsx';
import type { StepBadge } from '../model/verdict.ts';

/** The node's id (with rename), kind, entry and steps to a person. */
export function NodeHeader({ id, node }: { id: string; node: FlowNode }) {
  const store = useDesignerStore();
  const isEntry = useDesigner((state) => state.flow.entry === id);
  const badge = useDesigner((state) => (Object.hasOwn(state.steps, id) ? state.steps[id] : undefined));
  const maxSteps = useDesigner((state) => state.maxSteps);
  return (
    <header className="insp-header">
      <div className="insp-title">
        <span className="insp-kind" data-testid="inspector-kind">
          {node.kind}
        </span>
        {isEntry ? (
          <span className="insp-entry" title="Every call starts here">
            entry
          </span>
        ) : (
          <button type="button" className="insp-button" onClick={() => store.getState().setEntry(id)}>
            Set as entry
          </button>
        )}
      </div>
      <RenameBox id={id} />
      <StepBadgeLine badge={badge} maxSteps={maxSteps} />
    </header>
  );
}

/** The store refuses a taken or malformed id; the refusal shows under the header and the typed id stays. */
function RenameBox({ id }: { id: string }) {
  const store = useDesignerStore();
  const [text, setText] = useState(id);
  return (
    <form
      className="insp-rename"
      onSubmit={(e) => {
        e.preventDefault();
        store.getState().renameNode(id, text.trim());
      }}
    >
      <input className="insp-input insp-mono" aria-label="Node id" value={text} spellCheck={false} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="insp-button" disabled={text.trim() === id}>
        Rename
      </button>
    </form>
  );
}

const stepsText = (steps: number | null) => (steps === null ? 'none' : String(steps));

/** Best and worst case caller steps to a person, as on the canvas badge. */
function StepBadgeLine({ badge, maxSteps }: { badge: StepBadge | undefined; maxSteps: number }) {
  if (badge === undefined) return <p className="insp-badge">Steps to a person: not checked from here</p>;
  const over = [badge.best, badge.worst].some((steps) => steps !== null && steps > maxSteps);
  const stranded = badge.best === null && badge.worst === null && badge.final !== true;
  return (
    <p
      className={over || stranded ? 'insp-badge insp-badge-bad' : 'insp-badge'}
      data-testid="inspector-steps"
      title={`Caller steps from here to a person: best case (people answer) and worst case (a person or a follow-up whatever happens). Budget: ${maxSteps}.`}
    >
      Steps to a person: best {stepsText(badge.best)} · worst {stepsText(badge.worst)}
      <span className="insp-muted"> (budget {maxSteps})</span>
    </p>
  );
}
