import { ExternalLink } from 'lucide-react';
import type { FlowNode } from '../../../core/schema/flow.ts';
import { useFollowLink } from '../links/use-follow-link.ts';
import { useFiles } from '../stores/files-context.tsx';

/** A goto's way into the flow it links to; a flow the runtime does not have is said, not clicked into nothing. */
export function GotoLink({ id, node }: { id: string; node: Extract<FlowNode, { kind: 'goto' }> }) {
  const followLink = useFollowLink();
  const known = useFiles((state) => state.flows.some((entry) => entry.id === node.flow));
  const missing = `${node.flow} is not among the runtime’s flows: a call here takes the "failed" exit.`;
  return (
    <div className="insp-goto" data-testid="goto-link">
      <button type="button" className="insp-button" disabled={!known} title={known ? undefined : missing} onClick={() => followLink(id, node)}>
        <ExternalLink size={13} aria-hidden /> Open flow {node.flow}
      </button>
      <span className="insp-muted">{known ? (node.node === undefined ? ' at its entry' : ` at ${node.node}`) : ''}</span>
      {!known && <p className="insp-hint">{missing}</p>}
    </div>
  );
}
