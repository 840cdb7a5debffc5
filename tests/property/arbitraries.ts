import fc from 'fast-check';
import { getExits } from '../../core/nodes/registry.ts';
import type { Flow, FlowNode, NodeOfKind } from '../../core/schema/flow.ts';

// Random flows for the property tests: small (2-9 nodes), over every node kind,
// with targets drawn from the flow's own ids or left unconnected. Two shapes:
// `anyFlow` (uniform: mostly rejected by the validator) and `mostlyValidFlow`
// (a sound template with random additions: mostly accepted), so both branches
// of the properties are exercised.

type Target = string | undefined;
type Arb<T> = fc.Arbitrary<T>;

const DTMF = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;
type Key = NodeOfKind<'menu'>['options'][number]['key'];

/** Drops undefined fields, so an unconnected exit is a missing field as a designer writes it. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A target among `ids`, or unconnected about one time in `holes`. */
function targetOf(ids: readonly string[], holes = 5): Arb<Target> {
  return fc.oneof({ weight: holes - 1, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.constant(undefined) });
}

function handlerOf(target: Arb<Target>): Arb<NodeOfKind<'menu'>['noInput']> {
  return fc.option(
    fc.record({ retries: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), next: target }).map((h) => clean(h)),
    { nil: undefined, freq: 6 },
  );
}

/** Keys of a menu: 1-4 distinct keys, '0' among them about half the time. */
const menuKeys: Arb<Key[]> = fc
  .tuple(fc.boolean(), fc.uniqueArray(fc.constantFrom(...DTMF), { minLength: 1, maxLength: 4 }))
  .map(([zero, keys]) => (zero ? ['0' as const, ...keys].slice(0, 4) : keys) as Key[]);

/**
 * Phrases a speech menu's options are picked by; some contain others ("card" in "lost card"),
 * so the matcher's longest-phrase rule is exercised. None is an operator word.
 */
const PHRASES = ['balance', 'account balance', 'card', 'lost card', 'report a lost card', 'opening hours', 'hours', 'billing', 'sales'] as const;

function menuOf(target: Arb<Target>, keys: Arb<Key[]> = menuKeys): Arb<NodeOfKind<'menu'>> {
  return fc
    .record({
      keys,
      targets: fc.array(target, { minLength: 4, maxLength: 4 }),
      noInput: handlerOf(target),
      noMatch: handlerOf(target),
      // Two menus in three listen for speech, so enough walks say a phrase whatever the seed.
      speech: fc.integer({ min: 0, max: 2 }).map((n) => n > 0),
      // Distinct phrases across the menu: 0-2 per option, as many options as there are keys.
      phrases: fc.uniqueArray(fc.constantFrom(...PHRASES), { minLength: 4, maxLength: 8 }),
      counts: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
      // Which options (by index) may be picked by speech only, with no key.
      speechOnly: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    })
    .map(({ keys, targets, noInput, noMatch, speech, phrases, counts, speechOnly }) => {
      let taken = 0;
      const options = keys.map((key, index) => {
        // With speech on, the operator words sit on the 0 option (when there is one).
        const own = speech && key !== '0' ? phrases.slice(taken, (taken += counts[index]!)) : [];
        const operator = speech && key === '0' ? ['agent', 'operator', 'representative'] : [];
        const spoken = [...operator, ...own];
        return clean({
          key: spoken.length > 0 && key !== '0' && speechOnly[index] ? undefined : key,
          phrases: spoken.length > 0 ? spoken : undefined,
          next: targets[index],
        });
      });
      return clean({ kind: 'menu' as const, prompt: 'Please choose an option.', options, speech: speech ? {} : undefined, noInput, noMatch });
    });
}

function inputOf(target: Arb<Target>): Arb<NodeOfKind<'input'>> {
  return fc.record({ next: target, noInput: handlerOf(target), invalid: handlerOf(target) }).map((r) =>
    clean({ kind: 'input' as const, prompt: 'Enter your account number.', variable: 'account', ...r }),
  );
}

function sayOf(target: Arb<Target>): Arb<NodeOfKind<'say'>> {
  return target.map((next) => clean({ kind: 'say' as const, prompt: 'Thank you for calling.', next }));
}

function setOf(target: Arb<Target>): Arb<NodeOfKind<'set'>> {
  return target.map((next) => clean({ kind: 'set' as const, assign: { visited: true }, next }));
}

function surveyOf(target: Arb<Target>): Arb<NodeOfKind<'survey'>> {
  return target.map((next) => clean({ kind: 'survey' as const, prompt: 'Rate us from 1 to 5.', next }));
}

function conditionOf(target: Arb<Target>): Arb<NodeOfKind<'condition'>> {
  const test = fc.oneof(
    fc.constant<NodeOfKind<'condition'>['test']>({ type: 'hours', timezone: 'Europe/Madrid', weekly: { mon: [['09:00', '17:00']] } }),
    fc.integer({ min: 0, max: 100 }).map((percent): NodeOfKind<'condition'>['test'] => ({ type: 'split', percent })),
  );
  return fc.record({ test, then: target, else: target }).map((r) => clean({ kind: 'condition' as const, ...r }));
}

function httpOf(target: Arb<Target>): Arb<NodeOfKind<'http'>> {
  return fc
    .record({ ok: target, failed: target, timeout: target })
    .map((on) => ({ kind: 'http' as const, request: { url: 'https://api.example.com/lookup' }, on: clean(on) }));
}

function transferOf(target: Arb<Target>): Arb<NodeOfKind<'transfer'>> {
  return fc
    .record({ answered: target, busy: target, noAnswer: target, failed: target })
    .map((on) => ({ kind: 'transfer' as const, to: { number: '+15550100' }, on: clean(on) }));
}

function queueOf(target: Arb<Target>, failure: Arb<Target> = target): Arb<NodeOfKind<'queue'>> {
  return fc
    .record({
      answered: target,
      full: failure,
      timeout: failure,
      maxWait: fc.option(fc.integer({ min: 10, max: 600 }), { nil: undefined }),
      callback: fc.option(failure, { nil: null }),
      offerKey: fc.constantFrom('1', '9', '*'),
    })
    .map(({ answered, full, timeout, maxWait, callback, offerKey }) =>
      clean({
        kind: 'queue' as const,
        queue: 'support',
        maxWait,
        callbackOffer: callback === null ? undefined : clean({ key: offerKey, next: callback }),
        on: clean({ answered, full, timeout }),
      }),
    );
}

function followUpOf(kind: 'voicemail' | 'callback', target: Arb<Target>): Arb<FlowNode> {
  return target.map((next) => clean({ kind, prompt: 'A person will call you back.', next }));
}

const hangupNode: Arb<FlowNode> = fc.constantFrom<FlowNode>({ kind: 'hangup' }, { kind: 'hangup', prompt: 'Goodbye.' });

/** A node of any kind whose targets are drawn from `ids`. */
export function anyNode(ids: readonly string[]): Arb<FlowNode> {
  const t = targetOf(ids);
  return fc.oneof(
    { weight: 3, arbitrary: menuOf(t) },
    { weight: 2, arbitrary: inputOf(t) },
    { weight: 1, arbitrary: sayOf(t) },
    { weight: 1, arbitrary: setOf(t) },
    { weight: 1, arbitrary: surveyOf(t) },
    { weight: 2, arbitrary: conditionOf(t) },
    { weight: 2, arbitrary: httpOf(t) },
    { weight: 2, arbitrary: transferOf(t) },
    { weight: 2, arbitrary: queueOf(t) },
    { weight: 1, arbitrary: followUpOf('voicemail', t) },
    { weight: 1, arbitrary: followUpOf('callback', t) },
    { weight: 1, arbitrary: hangupNode },
  );
}

const maxStepsSetting: Arb<Flow['settings']> = fc.option(
  fc.integer({ min: 1, max: 4 }).map((maxSteps) => ({ maxSteps })),
  { nil: undefined, freq: 3 },
);

/** Any flow of 2-9 nodes: every kind, random targets, random entry. */
export const anyFlow: Arb<Flow> = fc.integer({ min: 2, max: 9 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `n${i}`);
  return fc
    .record({ nodes: fc.array(anyNode(ids), { minLength: n, maxLength: n }), entry: fc.constantFrom(...ids), settings: maxStepsSetting })
    .map(({ nodes, entry, settings }) =>
      clean({ name: 'random flow', entry, settings, nodes: Object.fromEntries(ids.map((id, i) => [id, nodes[i]!])) }),
    );
});

/**
 * Mostly valid flows: `main` (a menu with 0 → `agent`, silence and errors →
 * `agent`), `agent` (a transfer whose failures go to `vm`), `vm` (voicemail),
 * `bye` (hangup), plus up to 5 extra nodes built so that they, too, mostly keep
 * the guarantee. A few random targets (and the odd unconnected one) still break it
 * now and then.
 */
export const mostlyValidFlow: Arb<Flow> = fc.integer({ min: 0, max: 5 }).chain((extra) => {
  const extras = Array.from({ length: extra }, (_, i) => `x${i}`);
  const ids = ['main', 'agent', 'vm', 'bye', ...extras];
  // Mostly to a safe place; sometimes anywhere; rarely nowhere.
  const safe = fc.constantFrom('agent', 'vm');
  const anywhere = fc.constantFrom(...ids);
  const help: Arb<Target> = fc.oneof({ weight: 12, arbitrary: safe }, { weight: 2, arbitrary: anywhere }, { weight: 1, arbitrary: fc.constant(undefined) });
  const forward: Arb<Target> = fc.oneof({ weight: 6, arbitrary: anywhere }, { weight: 3, arbitrary: safe });
  const zeroFirst: Arb<Key[]> = fc
    .uniqueArray(fc.constantFrom(...DTMF), { minLength: 0, maxLength: 3 })
    .map((keys) => ['0' as const, ...keys]);
  const safeMenu = fc
    .record({ menu: menuOf(forward, zeroFirst), noInput: help, noMatch: help, zero: fc.oneof({ weight: 9, arbitrary: fc.constant('agent') }, { weight: 1, arbitrary: anywhere }) })
    .map(({ menu, noInput, noMatch, zero }) => ({
      ...menu,
      options: menu.options.map((o) => (o.key === '0' ? { ...o, next: zero } : o)),
      noInput: clean({ retries: 2, next: noInput }),
      noMatch: clean({ retries: 2, next: noMatch }),
    }));
  const extraNode: Arb<FlowNode> = fc.oneof(
    { weight: 4, arbitrary: safeMenu },
    {
      weight: 1,
      arbitrary: fc
        .record({ next: forward, noInput: help, invalid: help })
        .map(({ next, noInput, invalid }) => clean({ kind: 'input' as const, prompt: 'Enter your account number.', variable: 'account', next, noInput: clean({ next: noInput }), invalid: clean({ next: invalid }) })),
    },
    { weight: 2, arbitrary: conditionOf(fc.oneof(safe, anywhere)) },
    { weight: 1, arbitrary: httpOf(fc.oneof({ weight: 3, arbitrary: safe }, { weight: 1, arbitrary: anywhere })) },
    { weight: 1, arbitrary: sayOf(anywhere) },
    { weight: 1, arbitrary: queueOf(fc.option(anywhere, { nil: undefined }), help) },
    { weight: 1, arbitrary: transferOf(fc.constant('vm')).map((t) => ({ ...t, on: { ...t.on, answered: 'bye' } })) },
    { weight: 1, arbitrary: followUpOf('callback', fc.constantFrom('bye', undefined)) },
  );
  return fc
    .record({
      main: safeMenu,
      agentAnswered: fc.constantFrom<Target>('bye', 'main', undefined),
      vmNext: fc.constantFrom<Target>('bye', undefined),
      extras: fc.array(extraNode, { minLength: extra, maxLength: extra }),
      entry: fc.oneof({ weight: 4, arbitrary: fc.constant('main') }, { weight: 1, arbitrary: anywhere }),
      settings: maxStepsSetting,
    })
    .map(({ main, agentAnswered, vmNext, extras: extraNodes, entry, settings }) => {
      const nodes: Record<string, FlowNode> = {
        main,
        agent: { kind: 'transfer', to: { number: '+15550100' }, on: clean({ answered: agentAnswered, busy: 'vm', noAnswer: 'vm', failed: 'vm' }) },
        vm: clean({ kind: 'voicemail' as const, prompt: 'Please leave a message.', next: vmNext }),
        bye: { kind: 'hangup', prompt: 'Goodbye.' },
      };
      extras.forEach((id, i) => (nodes[id] = extraNodes[i]!));
      return clean({ name: 'mostly valid flow', entry, settings, nodes });
    });
});

/** Sets (or, with undefined, removes) the dotted field `path` of `node`, making the objects on the way. */
function setField(node: Record<string, unknown>, path: string, value: string | undefined): void {
  const keys = path.split('.');
  let at: Record<string, unknown> = node;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  if (value === undefined) delete at[keys.at(-1)!];
  else at[keys.at(-1)!] = value;
}

type Fault = { node: number; exit: number; kind: 'unconnect' | 'self' | 'entry' };

const fault: Arb<Fault> = fc.record({
  node: fc.nat(),
  exit: fc.nat(),
  kind: fc.constantFrom<Fault['kind']>('unconnect', 'self', 'entry'),
});

/** A queue that holds whoever never presses its offer: the wait times out back into the queue. */
const selfTimingOutQueue = fc.constantFrom('1', '2', '*').map(
  (key): NodeOfKind<'queue'> => ({ kind: 'queue', queue: 'support', maxWait: 120, callbackOffer: { key: key as '1', next: 'vm' }, on: { full: 'vm', timeout: 'held' } }),
);

/**
 * Several errors in one flow: a mostly valid flow, maybe with a queue that times out into itself
 * (reached by a key of the main menu, or by its silence) where there is room, then 2-4 exits broken at random: left
 * unconnected, pointed back at their own node (a loop), or back at the entry.
 */
export const severalFaultsFlow: Arb<Flow> = fc
  .record({ flow: mostlyValidFlow, faults: fc.array(fault, { minLength: 2, maxLength: 4 }), held: fc.option(fc.tuple(selfTimingOutQueue, fc.boolean()), { nil: undefined }) })
  .map(({ flow, faults, held }) => {
    const nodes = structuredClone(flow.nodes) as Record<string, FlowNode>;
    // Within the 9 nodes a generated flow has at most.
    if (held !== undefined && nodes.main?.kind === 'menu' && Object.keys(nodes).length < 9) {
      const [queue, bySilence] = held;
      nodes.held = queue;
      const main = nodes.main;
      if (bySilence) main.noInput = { ...main.noInput, next: 'held' };
      else main.options = [...main.options.filter((o) => o.key !== '5'), { key: '5', next: 'held' }];
    }
    const ids = Object.keys(nodes);
    for (const { node, exit, kind } of faults) {
      const id = ids[node % ids.length]!;
      const exits = getExits(nodes[id]!).filter((e) => !e.byCaller || kind !== 'unconnect');
      if (exits.length === 0) continue;
      const target = kind === 'unconnect' ? undefined : kind === 'self' ? id : flow.entry;
      setField(nodes[id] as unknown as Record<string, unknown>, exits[exit % exits.length]!.id, target);
    }
    return { ...flow, name: 'flow with several faults', nodes };
  });

/**
 * A person behind a line of 2-4 menus, on a step budget smaller than the line: a steps-to-human
 * counterexample every time (random flows give one in about a hundred, and some seeds none).
 */
export const farPersonFlow: Arb<Flow> = fc.integer({ min: 2, max: 4 }).chain((depth) =>
  fc.record({ keys: fc.array(fc.constantFrom(...DTMF), { minLength: depth, maxLength: depth }), maxSteps: fc.integer({ min: 1, max: depth - 1 }) }).map(({ keys, maxSteps }) => {
    const nodes: Record<string, FlowNode> = {
      agent: { kind: 'transfer', to: { number: '+15550100' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
      vm: { kind: 'voicemail', prompt: 'Please leave a message.' },
    };
    keys.forEach((key, i) => {
      nodes[`m${i}`] = { kind: 'menu', prompt: 'Please choose an option.', options: [{ key, next: i + 1 < depth ? `m${i + 1}` : 'agent' }], noInput: { next: 'vm' }, noMatch: { next: 'vm' } };
    });
    return { name: 'far person flow', entry: 'm0', settings: { maxSteps }, nodes };
  }),
);

/** A third each of uniform, mostly valid, several faults in a mostly valid flow; now and then a person too far away. */
export const propertyFlow: Arb<Flow> = fc.oneof(
  { weight: 6, arbitrary: anyFlow },
  { weight: 6, arbitrary: mostlyValidFlow },
  { weight: 6, arbitrary: severalFaultsFlow },
  { weight: 1, arbitrary: farPersonFlow },
);
