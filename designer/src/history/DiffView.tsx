import { ArrowRight, CircleCheck, CircleX, X } from 'lucide-react';
import type { ReactNode } from 'react';
import type { DiffFieldRow, DiffFindingRow, DiffNodeName, DiffValue, DiffVerdictView } from '../model/diff-view.ts';
import { useDesigner, useDesignerStore } from '../stores/designer-context.tsx';
import type { Comparison } from '../stores/files-store.ts';

// What changes for callers between two versions, read in the side panel:
// the verdict, steps to a person, findings, then routes and nodes. The diff is
// core's (diffFlows); this only lays it out.

function Verdict({ verdict }: { verdict: DiffVerdictView }) {
  const Icon = verdict.ok ? CircleCheck : CircleX;
  return (
    <span className={verdict.ok ? 'hl-diff-verdict is-ok' : 'hl-diff-verdict is-error'}>
      <Icon size={14} aria-hidden /> {verdict.text}
    </span>
  );
}

/** A node's label, its id secondary; a button selecting it on the canvas when the canvas has it. */
function NodeName({ node, onSelect }: { node: DiffNodeName; onSelect: ((nodeId: string) => void) | null }) {
  const text = (
    <>
      <span className="hl-diff-node-name">{node.name}</span>
      {node.name !== node.nodeId && (
        <>
          {' '}
          <code className="hl-diff-node-id">{node.nodeId}</code>
        </>
      )}
    </>
  );
  if (onSelect === null) return <span className="hl-diff-node">{text}</span>;
  return (
    <button type="button" className="hl-diff-node is-link" title={`Select ${node.nodeId} on the canvas`} onClick={() => onSelect(node.nodeId)}>
      {text}
    </button>
  );
}

function Value({ value }: { value: DiffValue }) {
  if (!value.changed) return <span className="hl-diff-same">{value.after}</span>;
  return (
    <span className="hl-diff-moved">
      {value.before} → <strong>{value.after}</strong>
    </span>
  );
}

function FieldText({ field }: { field: DiffFieldRow }) {
  if (field.before === undefined) return <>{field.words}: set to <strong>{field.after}</strong></>;
  if (field.after === undefined) return <>{field.words}: removed (was {field.before})</>;
  return (
    <>
      {field.words}: {field.before} → <strong>{field.after}</strong>
    </>
  );
}

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <section className="hl-diff-section">
      <h4>
        {title} <span className="hl-diff-count">{count}</span>
      </h4>
      {children}
    </section>
  );
}

function FindingList({ findings, onSelect }: { findings: DiffFindingRow[]; onSelect: ((nodeId: string) => void) | null }) {
  return (
    <ul className="hl-diff-list">
      {findings.map((finding, index) => (
        <li key={index}>
          <span className={`hl-tag ${finding.severity === 'error' ? 'is-error' : 'is-draft'}`}>{finding.severity}</span>{' '}
          {finding.node !== undefined && <NodeName node={finding.node} onSelect={onSelect} />} <span className="hl-diff-message">{finding.message}</span>
        </li>
      ))}
    </ul>
  );
}

const CHANGE_WORDS = { added: 'added', removed: 'removed', changed: 'changed' } as const;

export function DiffView({ comparison, onClose }: { comparison: Comparison; onClose: () => void }) {
  const designer = useDesignerStore();
  const canvasNodes = useDesigner((state) => state.flow.nodes);
  const { view } = comparison;
  // a node is selectable only where the canvas shows the "after" side and still has it
  const onSelect = comparison.afterOnCanvas ? (nodeId: string) => Object.hasOwn(canvasNodes, nodeId) && designer.getState().select({ nodeIds: [nodeId], edgeIds: [] }) : null;
  const routeCount = view.routes.length;
  const nodeCount = view.nodes.added.length + view.nodes.removed.length + view.nodes.changed.length;

  return (
    <section role="region" aria-label="Differences" className="hl-diff">
      <header className="hl-diff-head">
        <h3>
          {comparison.beforeTitle} <ArrowRight size={13} aria-label="to" /> {comparison.afterTitle}
        </h3>
        <button type="button" className="hl-icon-button" onClick={onClose} aria-label="Close the comparison" title="Close the comparison">
          <X size={14} aria-hidden />
        </button>
      </header>
      <div className="hl-diff-verdicts">
        <div>
          <span className="hl-diff-side">Before</span> <Verdict verdict={view.verdict.before} />
        </div>
        <div>
          <span className="hl-diff-side">After</span> <Verdict verdict={view.verdict.after} />
        </div>
      </div>
      {view.empty ? (
        <p className="hl-diff-empty">No difference for callers</p>
      ) : (
        <>
          <Section title="Steps to a person" count={view.reach.length}>
            <table className="hl-diff-reach">
              <thead>
                <tr>
                  <th scope="col">Node</th>
                  <th scope="col" title="Caller steps to a live person when the line is open and people answer">
                    Best case
                  </th>
                  <th scope="col" title="Caller steps when every transfer fails and every queue is full">
                    Worst case
                  </th>
                  <th scope="col" title="Worst-case seconds to a person or a follow-up">
                    Seconds
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.reach.map((row) => (
                  <tr key={row.node.nodeId}>
                    <th scope="row">
                      <NodeName node={row.node} onSelect={onSelect} />
                    </th>
                    <td>
                      <Value value={row.best} />
                    </td>
                    <td>
                      <Value value={row.worst} />
                    </td>
                    <td>
                      <Value value={row.seconds} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          <Section title="Findings that appeared" count={view.findings.appeared.length}>
            <FindingList findings={view.findings.appeared} onSelect={onSelect} />
          </Section>
          <Section title="Findings cleared" count={view.findings.cleared.length}>
            <FindingList findings={view.findings.cleared} onSelect={null} />
          </Section>
          <Section title="Routes" count={routeCount}>
            <ul className="hl-diff-list">
              {view.routes.map((route, index) => (
                <li key={index} className={`is-${route.change}`}>
                  <span className={`hl-diff-change is-${route.change}`}>{CHANGE_WORDS[route.change]}</span> <NodeName node={route.node} onSelect={onSelect} />{' '}
                  <span className="hl-diff-exit">{route.exit}</span>{' '}
                  <span className="hl-diff-route">
                    {route.before !== undefined && <NodeName node={route.before} onSelect={route.change === 'removed' ? null : onSelect} />}{' '}
                    {route.change === 'changed' && <ArrowRight size={12} aria-label="now" />}{' '}
                    {route.after !== undefined && <NodeName node={route.after} onSelect={onSelect} />}
                  </span>
                </li>
              ))}
            </ul>
          </Section>
          <Section title="Nodes" count={nodeCount}>
            <ul className="hl-diff-list">
              {view.nodes.added.map((node) => (
                <li key={`+${node.nodeId}`}>
                  <span className="hl-diff-change is-added">added</span> <NodeName node={node} onSelect={onSelect} /> <span className="hl-diff-kind">{node.kind}</span>
                </li>
              ))}
              {view.nodes.removed.map((node) => (
                <li key={`-${node.nodeId}`}>
                  <span className="hl-diff-change is-removed">removed</span> <NodeName node={node} onSelect={null} /> <span className="hl-diff-kind">{node.kind}</span>
                </li>
              ))}
              {view.nodes.changed.map(({ node, fields }) => (
                <li key={`~${node.nodeId}`}>
                  <span className="hl-diff-change is-changed">changed</span> <NodeName node={node} onSelect={onSelect} />
                  <ul className="hl-diff-fields">
                    {fields.map((field) => (
                      <li key={field.words}>
                        <FieldText field={field} />
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </Section>
          <Section title="Flow settings" count={view.flow.length}>
            <ul className="hl-diff-fields">
              {view.flow.map((field) => (
                <li key={field.words}>
                  <FieldText field={field} />
                </li>
              ))}
            </ul>
          </Section>
        </>
      )}
    </section>
  );
}
