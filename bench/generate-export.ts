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

/** How many further copies each copy's menu offers: the copies form a tree of depth log2(copies), as menus nest in real lines. */
const MENU_FAN_OUT = 2;

/** The keys a copy's menu offers for its further copies: the fixtures' menus already use 0, 1 and 2. */
function toChildKeys(copy: number, copies: number): Array<{ key: string; child: number }> {
  const keys: Array<{ key: string; child: number }> = [];
  for (let index = 0; index < MENU_FAN_OUT; index++) {
    const child = copy * MENU_FAN_OUT + 1 + index;
    if (child < copies) keys.push({ key: String(3 + index), child });
  }
  return keys;
}

/** The menu's prompt with the further copies it offers announced, as a caller would hear them. */
function toAnnounced(prompt: string, keys: Array<{ key: string }>): string {
  return keys.length === 0 ? prompt : `${prompt} ${keys.map(({ key }) => `For another service area, press ${key}.`).join(' ')}`;
}

/**
 * A Twilio Studio export of about `stateCount` widgets: copies of the Studio
 * test fixture (an IVR with a look-up, a gather and its key and speech splits,
 * transfers, queues and a voicemail), each copy's main menu offering keys 3 and
 * 4 for two further copies, so every copy is reachable within a few menus of
 * the entry, as in a real line (not one copy after another, which made every
 * counterexample path thousands of copies long).
 */
export function generateStudioExport(stateCount: number): Record<string, unknown> {
  const fixture = readFixture('studio-ivr.json');
  const states = fixture.states as Array<Record<string, unknown>>;
  const trigger = states.find((state) => state.type === 'trigger')!;
  const widgets = states.filter((state) => state !== trigger);
  const names = widgets.map((state) => state.name as string);
  const first = (trigger.transitions as Array<{ event: string; next?: string }>).find((t) => t.event === 'incomingCall')!.next!;
  const copies = Math.max(1, Math.round(stateCount / widgets.length));
  const template = JSON.stringify(widgets);
  const all: unknown[] = [{ ...trigger, transitions: [{ event: 'incomingCall', next: `${first}_0` }] }];
  for (let i = 0; i < copies; i++) {
    const copy = JSON.parse(renameIn(template, names, `_${i}`)) as Array<Record<string, unknown>>;
    const keys = toChildKeys(i, copies);
    const menu = copy.find((state) => state.name === `main_menu_${i}`)!;
    const menuProperties = menu.properties as Record<string, unknown>;
    menuProperties.say = toAnnounced(menuProperties.say as string, keys);
    const split = copy.find((state) => state.name === `menu_keys_${i}`)!;
    const transitions = split.transitions as unknown[];
    for (const { key, child } of keys) {
      transitions.push({
        next: `${first}_${child}`,
        event: 'match',
        conditions: [{ friendly_name: key, arguments: [`{{widgets.main_menu_${i}.Digits}}`], type: 'equal_to', value: key }],
      });
    }
    all.push(...copy);
  }
  return { ...fixture, description: `generated ${stateCount}`, states: all };
}

/**
 * An Amazon Connect flow of about `actionCount` actions: copies of the Connect
 * test fixture (logging, a queue, an hours check, a menu, a Lambda, prompts and
 * a queue transfer), each copy's menu offering keys 3 and 4 for two further
 * copies, so every copy is reachable within a few menus of the start, as in a
 * real flow (not one copy after another, which made every counterexample path
 * hundreds of copies long: Connect caps a flow at a few hundred blocks).
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
    const keys = toChildKeys(i, copies);
    const menu = copy.actions.find((action) => action.Type === 'GetParticipantInput')!;
    const parameters = menu.Parameters as Record<string, unknown>;
    parameters.Text = toAnnounced(parameters.Text as string, keys);
    const conditions = (menu.Transitions as { Conditions: unknown[] }).Conditions;
    for (const { key, child } of keys) conditions.push({ NextAction: `${start}-${child}`, Condition: { Operator: 'Equals', Operands: [key] } });
    allActions.push(...copy.actions);
    Object.assign(allMetadata, copy.actionMetadata);
  }
  return { ...fixture, StartAction: `${start}-0`, Actions: allActions, Metadata: { ...metadata, name: `generated ${actionCount}`, ActionMetadata: allMetadata } };
}
