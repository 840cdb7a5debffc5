import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FlowNodeSchema, type Flow, type FlowNode, type NodeKind } from '../../core/schema/flow.ts';
import { DesignerProvider } from '../../designer/src/stores/designer-context.tsx';
import { FilesProvider } from '../../designer/src/stores/files-context.tsx';
import { createFilesStore } from '../../designer/src/stores/files-store.ts';
import { Inspector } from '../../designer/src/inspector/Inspector.tsx';
import { createDesignerStore, type DesignerStore } from '../../designer/src/stores/designer-store.ts';
import { createNewNode } from '../../designer/src/model/new-node.ts';

// The inspector as the server renders it: no DOM needed to check what a user
// (and the browser tests' stable hooks) will find in the panel.

const KINDS = FlowNodeSchema.options.map((schema) => schema.shape.kind.value) as NodeKind[];

function flowWith(nodes: Record<string, FlowNode>, extra: Partial<Flow> = {}): Flow {
  return {
    name: 'Support line',
    entry: 'main',
    nodes: { main: { kind: 'menu', prompt: 'For an agent press 0.', options: [{ key: '0', next: 'agent' }] }, agent: { kind: 'transfer', to: { number: '+12025550100' }, on: {} }, ...nodes },
    ...extra,
  };
}

function render(store: DesignerStore): string {
  // A server render reads zustand's initial state (the starter flow); the state the test built is what it must show.
  const current: DesignerStore = { ...store, getInitialState: store.getState };
  // a goto's "Open flow" asks the files store whether the runtime has the flow
  const files = createFilesStore(store);
  return renderToStaticMarkup(createElement(DesignerProvider, { store: current, children: createElement(FilesProvider, { store: { ...files, getInitialState: files.getState }, children: createElement(Inspector) }) }));
}

function storeWith(flow: Flow, selected: string[]): DesignerStore {
  const store = createDesignerStore({ flow });
  expect(store.getState().lastError).toBeNull();
  store.getState().select({ nodeIds: selected });
  return store;
}

/** `name` -> the tag of every form control that has one. */
function controls(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<(input|select|textarea)\b[^>]*\bname="([^"]*)"/g)].map((m) => [m[2]!, m[1]!]));
}

/** Names of controls without a <label for> pointing at their id. */
function unlabelled(html: string): string[] {
  const labelled = new Set([...html.matchAll(/<label[^>]*\bfor="([^"]*)"/g)].map((m) => m[1]));
  return [...html.matchAll(/<(?:input|select|textarea)\b([^>]*)>/g)]
    .map((m) => m[1]!)
    .filter((attrs) => /\bname="/.test(attrs) && !/type="radio"/.test(attrs))
    .filter((attrs) => !labelled.has(/\bid="([^"]*)"/.exec(attrs)?.[1]))
    .map((attrs) => /\bname="([^"]*)"/.exec(attrs)![1]!);
}

describe('the inspector panel', () => {
  it.each(KINDS)('shows a %s node with its kind, id box, entry button and a labelled input per field', (kind) => {
    const html = render(storeWith(flowWith({ picked: createNewNode(kind) }), ['picked']));
    expect(html).toContain('data-testid="inspector"');
    expect(html).toMatch(/<input[^>]*aria-label="Node id"[^>]*value="picked"/);
    expect(html).toContain('>Rename</button>');
    expect(html).toContain('>Set as entry</button>');
    expect(html).toContain(`>${kind}</span>`);
    expect(html).toContain('Steps to a person');
    expect(controls(html).size).toBeGreaterThan(0);
    expect(unlabelled(html)).toEqual([]);
  });

  it('gives a menu its prompt, options with a key select and a Next picker, and a timeout with its default', () => {
    const html = render(storeWith(flowWith({}), ['main']));
    const names = controls(html);
    expect(names.get('prompt')).toBe('textarea');
    expect(names.get('options.0.key')).toBe('select');
    expect(names.get('options.0.next')).toBe('input');
    expect(html).toMatch(/<input[^>]*role="combobox"[^>]*name="options.0.next"/);
    expect(names.get('timeout')).toBe('input');
    expect(html).toMatch(/name="timeout"[^>]*placeholder="5 \(default\)"|placeholder="5 \(default\)"[^>]*name="timeout"/);
    expect(html).toMatch(/placeholder="\(not connected\)"[^>]*name="options.0.next" value="agent \(transfer\)"/);
    expect(html).toContain('>Add option</button>');
    expect(html).toContain('>entry</span>');
  });

  it('shows a prompt per language as one text area per language, with the switch on "per language"', () => {
    const flow = flowWith({ hello: { kind: 'say', prompt: { 'en-US': 'Hello', 'nl-NL': 'Hallo' }, next: 'main' } }, { settings: { languages: ['en-US', 'nl-NL'] } });
    const html = render(storeWith(flow, ['hello']));
    expect(controls(html).get('prompt.nl-NL')).toBe('textarea');
    expect(html).toContain('>Hallo</textarea>');
    expect(html).toMatch(/<input type="radio" name="prompt#variant" checked=""[^>]*>per language/);
  });

  it('lists the findings of the selected node only', () => {
    const flow = flowWith({
      main: { kind: 'menu', prompt: 'Press 0 for an agent, 1 for billing.', options: [{ key: '0', next: 'agent' }, { key: '1', next: 'other' }] },
      other: { kind: 'menu', prompt: 'Press 1.', options: [{ key: '1', next: 'agent' }] },
    });
    const store = storeWith(flow, ['other']);
    expect(store.getState().findings.map((f) => `${f.nodeId} ${f.ruleId}`)).toContain('other operator-key');
    const html = render(store);
    expect(html).toContain('operator-key');
    store.getState().select({ nodeIds: ['agent'] });
    expect(render(store)).not.toContain('operator-key');
  });

  it('shows why the store refused an edit', () => {
    const store = storeWith(flowWith({}), ['main']);
    expect(store.getState().updateNode('main', { options: [] })).toBe(false);
    expect(render(store)).toMatch(/role="alert"[^>]*>Cannot change &quot;main&quot;: options/);
  });

  it('edits the flow’s own fields with nothing selected: name, description, settings, rules', () => {
    const html = render(storeWith(flowWith({}, { description: 'Main line', settings: { languages: ['en-US', 'nl-NL'] } }), []));
    expect(html).toMatch(/name="name" value="Support line"/);
    expect(html).toMatch(/name="description" value="Main line"/);
    expect(html).toMatch(/name="settings.languages.0" value="en-US"/);
    expect(html).toMatch(/name="settings.languages.1" value="nl-NL"/);
    expect(controls(html).get('settings.maxSteps')).toBe('input');
    // edited elsewhere: the entry by "Set as entry", nodes on the canvas
    expect(controls(html).has('entry')).toBe(false);
    expect(html).toContain('placeholder="3 (default)"');
    expect(unlabelled(html)).toEqual([]);
  });

  it('says how many nodes are selected when there are several', () => {
    expect(render(storeWith(flowWith({}), ['main', 'agent']))).toContain('2 nodes selected');
  });
});
