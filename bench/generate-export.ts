import { readFileSync } from 'node:fs';

/** The importers' own test fixtures: real-shaped exports, a whole small line each. */
function readFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../tests/fixtures/import/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

/** Renames every whole-word occurrence of the given names in a block's JSON text, so copies do not collide. */
function renameIn(text: string, names: string[], suffix: string): string {
  const sorted = [...names].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![A-Za-z0-9_-])(${sorted.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![A-Za-z0-9_-])`, 'g');
  return text.replace(pattern, (name) => `${name}${suffix}`);
}

/**
 * A Twilio Studio export of about `stateCount` widgets: copies of the Studio
 * test fixture (an IVR with a look-up, a gather and its key and speech splits,
 * transfers, queues and a voicemail) chained one after another, each copy's
 * goodbye going on to the next copy's first widget, so every copy is reachable.
 */
export function generateStudioExport(stateCount: number): Record<string, unknown> {
  const fixture = readFixture('studio-ivr.json');
  const states = fixture.states as Array<Record<string, unknown>>;
  const trigger = states.find((state) => state.type === 'trigger')!;
  const widgets = states.filter((state) => state !== trigger);
  const names = widgets.map((state) => state.name as string);
  const first = (trigger.transitions as Array<{ event: string; next?: string }>).find((t) => t.event === 'incomingCall')!.next!;
  const last = names.at(-1)!;
  const copies = Math.max(1, Math.round(stateCount / widgets.length));
  const template = JSON.stringify(widgets);
  const all: unknown[] = [{ ...trigger, transitions: [{ event: 'incomingCall', next: `${first}_0` }] }];
  for (let i = 0; i < copies; i++) {
    const copy = JSON.parse(renameIn(template, names, `_${i}`)) as Array<Record<string, unknown>>;
    if (i + 1 < copies) {
      const goodbye = copy.find((state) => state.name === `${last}_${i}`)!;
      goodbye.transitions = [{ event: 'audioComplete', next: `${first}_${i + 1}` }];
    }
    all.push(...copy);
  }
  return { ...fixture, description: `generated ${stateCount}`, states: all };
}

/**
 * An Amazon Connect flow of about `actionCount` actions: copies of the Connect
 * test fixture (logging, a queue, an hours check, a menu, a Lambda, prompts and
 * a queue transfer) chained one after another, each copy's disconnect replaced
 * by a prompt that goes on to the next copy's start, so every copy is reachable.
 */
export function generateConnectExport(actionCount: number): Record<string, unknown> {
  const fixture = readFixture('connect-ivr.json');
  const actions = fixture.Actions as Array<Record<string, unknown>>;
  const metadata = fixture.Metadata as Record<string, unknown>;
  const actionMetadata = metadata.ActionMetadata as Record<string, unknown>;
  const ids = actions.map((action) => action.Identifier as string);
  const start = fixture.StartAction as string;
  const copies = Math.max(1, Math.round(actionCount / actions.length));
  const template = JSON.stringify({ actions, actionMetadata });
  const allActions: unknown[] = [];
  const allMetadata: Record<string, unknown> = {};
  for (let i = 0; i < copies; i++) {
    const copy = JSON.parse(renameIn(template, ids, `-${i}`)) as { actions: Array<Record<string, unknown>>; actionMetadata: Record<string, unknown> };
    if (i + 1 < copies) {
      for (const action of copy.actions) {
        if (action.Type !== 'DisconnectParticipant') continue;
        action.Type = 'MessageParticipant';
        action.Parameters = { Text: 'Let us try the next service area.' };
        action.Transitions = { NextAction: `${start}-${i + 1}` };
      }
    }
    allActions.push(...copy.actions);
    Object.assign(allMetadata, copy.actionMetadata);
  }
  return { ...fixture, StartAction: `${start}-0`, Actions: allActions, Metadata: { ...metadata, name: `generated ${actionCount}`, ActionMetadata: allMetadata } };
}
