import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toNodeIds, toWords, type Path } from '../../core/graph/path.ts';
import { lintFlow } from '../../core/lint/linter.ts';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';
import { getEnvironmentChoices, getStatusText, getWaitText } from '../../designer/src/simulator/call-status.ts';
import { replayAll, replayNextStep, startReplay, type ReplayRequest } from '../../designer/src/simulator/replay.ts';
import {
  applyEvent,
  getCurrentNodeId,
  getTrail,
  hangUp,
  isCallOver,
  pressKey,
  sayWords,
  startSession,
  staySilent,
  type SimulatorSession,
} from '../../designer/src/simulator/simulator-session.ts';

// The designer's simulated phone, driven as a designer drives it: keys, words,
// silence and the environment's outcomes, and counterexamples replayed.

const readJson = (url: URL): unknown => JSON.parse(readFileSync(url, 'utf8'));
const loadFlow = (name: string): Flow => FlowSchema.parse(readJson(new URL(`../../flows/${name}.json`, import.meta.url)));

const BROKEN_DIR = new URL('../fixtures/broken/', import.meta.url);

/** Wednesday 11 March 2026, 11:00 in New York and 16:00 in Madrid: lines are open. */
const OPEN = new Date('2026-03-11T15:00:00Z');
/** Sunday 15 March 2026, 11:00 in New York: the bank's customer service is closed. */
const CLOSED = new Date('2026-03-15T15:00:00Z');

const bank = loadFlow('bank');
const fixedDraw = () => 0.5;

const callBank = (now = OPEN) => startSession(bank, { now, random: fixedDraw });
const pressAll = (session: SimulatorSession, keys: string) => [...keys].reduce(pressKey, session);
const texts = (session: SimulatorSession, kind: string) => session.transcript.filter((line) => line.kind === kind).map((line) => ('text' in line ? line.text : line.url));
const waitText = (session: SimulatorSession) => getWaitText(session.flow, session.step.wait);

function chooseOutcome(session: SimulatorSession, label: string): SimulatorSession {
  const choice = getEnvironmentChoices(session.step.wait).find((c) => c.label === label);
  if (!choice) throw new Error(`no "${label}" at ${waitText(session)}`);
  return applyEvent(session, choice.event);
}

describe('a simulated call to the bank line', () => {
  it('greets the caller in the flow language, then the main menu listens', () => {
    const session = callBank();
    expect(session.transcript[0]).toEqual({
      kind: 'system',
      text: 'Thank you for calling Acme Bank. This call may be recorded for quality and training.',
      language: 'en-US',
    });
    expect(texts(session, 'system')[1]).toMatch(/^For your account balance, press 1/);
    expect(waitText(session)).toBe('Main menu is listening for keys or words');
    expect(getCurrentNodeId(session)).toBe('main_menu');
    expect(getStatusText(session)).toBe('In call');
  });

  it('pressing 0 in open hours puts the caller on hold, and an agent answering is reaching a person', () => {
    const onHold = pressKey(callBank(), '0');
    expect(getCurrentNodeId(onHold)).toBe('agent_queue');
    expect(texts(onHold, 'caller')).toEqual(['Pressed 0']);
    expect(texts(onHold, 'environment')).toEqual(['Customer service open? → open']);
    expect(texts(onHold, 'system')).toContain('To keep your place in line and get a call back instead, press 1.');
    expect(getEnvironmentChoices(onHold.step.wait).map((c) => c.label)).toEqual(['Agent answers', 'Queue full', 'Caller asks for a call back']);

    const answered = chooseOutcome(onHold, 'Agent answers');
    expect(getStatusText(answered)).toContain('Reached a person');
    expect(texts(answered, 'outcome')).toEqual(['Reached a person']);
    expect(getCurrentNodeId(answered)).toBe('post_call_survey');

    const ended = pressKey(answered, '5');
    expect(isCallOver(ended)).toBe(true);
    expect(getStatusText(ended)).toBe('Reached a person · Call ended');
    expect(getTrail(ended)).toEqual(['greeting', 'main_menu', 'agent_hours', 'agent_queue', 'post_call_survey', 'goodbye']);
  });

  it('pressing 0 when closed offers a message, and a message left is a follow-up', () => {
    const closedMenu = pressKey(callBank(CLOSED), '0');
    expect(texts(closedMenu, 'environment')).toEqual(['Customer service open? → closed']);
    expect(getCurrentNodeId(closedMenu)).toBe('closed_menu');
    const recording = pressKey(closedMenu, '2');
    expect(waitText(recording)).toBe('After-hours voicemail is recording a message');
    const ended = chooseOutcome(recording, 'Caller leaves a message');
    expect(getStatusText(ended)).toBe('Follow-up reached · Call ended');
    expect(texts(ended, 'system').at(-1)).toBe('Thank you for banking with Acme Bank. Goodbye.');
  });

  it('silence re-prompts with the apology first, then sends the caller to an agent', () => {
    const reprompted = staySilent(callBank());
    expect(getCurrentNodeId(reprompted)).toBe('main_menu');
    expect(texts(reprompted, 'system').slice(-2, -1)).toEqual(["Sorry, I didn't hear anything."]);
    const queued = staySilent(reprompted);
    expect(texts(queued, 'caller')).toEqual(['Stayed silent', 'Stayed silent']);
    expect(getCurrentNodeId(queued)).toBe('agent_queue');
  });

  it('keys collect into the account number until all ten are in, then the look-up runs', () => {
    const typing = pressAll(pressKey(callBank(), '1'), '12345');
    expect(getCurrentNodeId(typing)).toBe('balance_account');
    expect(typing.pendingKeys).toBe('12345');
    expect(waitText(typing)).toBe('Account number is waiting for 10 digits ending with #');

    const lookingUp = pressAll(typing, '67890');
    expect(texts(lookingUp, 'caller').at(-1)).toBe('Pressed 1234567890');
    expect(getEnvironmentChoices(lookingUp.step.wait).map((c) => c.label)).toEqual(['Look-up ok', 'Look-up failed', 'Look-up times out']);
    // As with Twilio's digit count, a # after the tenth digit reaches nobody.
    expect(pressKey(lookingUp, '#')).toBe(lookingUp);

    const failed = chooseOutcome(lookingUp, 'Look-up failed');
    expect(texts(failed, 'system')).toContain("Sorry, I can't look up your balance right now. Let me get you to an agent.");
    expect(getCurrentNodeId(failed)).toBe('agent_queue');
  });

  it('words pick an option where the menu listens for speech', () => {
    const cards = pressKey(callBank(), '2');
    const ringing = sayWords(cards, 'I lost my card');
    expect(texts(ringing, 'caller').at(-1)).toBe('Said "I lost my card"');
    expect(waitText(ringing)).toBe('Card protection team (24/7) is ringing +12125550147');
    const busy = chooseOutcome(ringing, 'Busy');
    expect(getCurrentNodeId(busy)).toBe('fraud_queue');
    expect(getStatusText(busy)).toBe('In call');
  });

  it('an outcome that does not fit the wait changes nothing, and says so', () => {
    const session = applyEvent(callBank(), { type: 'dial', outcome: 'answered' });
    expect(getCurrentNodeId(session)).toBe('main_menu');
    expect(texts(session, 'outcome')).toEqual(['Nothing happens: the call is not waiting for that']);
    expect(getStatusText(session)).toBe('In call');
  });

  it('the guard sends a caller who keeps browsing to the fallback number', () => {
    // Balance, then back to the main menu, over and over: more steps than twice the budget.
    let session = callBank();
    for (let round = 0; round < 3 && !session.step.state.guard; round++) {
      session = pressAll(session, '11234567890#');
      session = pressKey(chooseOutcome(session, 'Look-up ok'), '2');
    }
    expect(getStatusText(session)).toContain('Sent to a person by the guard');
    expect(waitText(session)).toBe('The guard is ringing +12125550100');
    expect(getCurrentNodeId(session)).toBeNull();
    expect(getStatusText(chooseOutcome(session, 'Agent answers'))).toContain('Reached a person');
  });

  it('hanging up ends the call; later keys change nothing', () => {
    const hungUp = hangUp(callBank());
    expect(getStatusText(hungUp)).toBe('Hung up by the caller');
    expect(texts(hungUp, 'outcome')).toEqual(['Hung up by the caller']);
    expect(pressKey(hungUp, '0')).toBe(hungUp);
    expect(getCurrentNodeId(hungUp)).toBeNull();
  });

  it('speaks each prompt in the caller language once they pick one', () => {
    const estonian = pressKey(startSession(loadFlow('multilingual'), { now: OPEN, random: fixedDraw }), '2');
    const last = estonian.transcript.at(-1);
    expect(last).toMatchObject({ kind: 'system', language: 'et-EE' });
    expect(estonian.transcript[0]).toMatchObject({ kind: 'system', language: 'nl-NL' });
  });

  it('starts from a chosen node ("play from here")', () => {
    const session = startSession(bank, { now: OPEN, from: 'cards_menu' });
    expect(getTrail(session)).toEqual(['cards_menu']);
    expect(waitText(session)).toBe('Cards is listening for keys or words');
  });
});

/** Every counterexample the linter reports for the broken fixtures. */
const counterexamples = readdirSync(BROKEN_DIR)
  .filter((file) => file.endsWith('.json'))
  .flatMap((file) => {
    const json = readJson(new URL(file, BROKEN_DIR));
    return lintFlow(json).findings.flatMap((finding) =>
      finding.path ? [{ file, flow: FlowSchema.parse(json), request: { path: finding.path, ruleId: finding.ruleId, message: finding.message } }] : [],
    );
  });

const bankPath = (steps: Path['steps'], end: Path['end'] = 'open'): ReplayRequest => ({ path: { steps, callerSteps: 0, end }, ruleId: 'test', message: 'a route' });

describe('replaying a counterexample', () => {
  it('finds counterexamples in every broken fixture that has a path', () => {
    expect(new Set(counterexamples.map((c) => c.file)).size).toBeGreaterThanOrEqual(6);
  });

  it.each(counterexamples.map((c) => [`${c.file}: ${c.request.ruleId} ${toWords(c.request.path)}`, c] as const))('%s walks the path', (_, c) => {
    // The chosen time is open hours: paths through "closed" need the simulator to pick another.
    const replay = replayAll(startReplay(c.flow, c.request, { now: OPEN, random: fixedDraw }));
    expect(replay.problem).toBeUndefined();
    expect(replay.status).toBe('done');
    expect(getTrail(replay.session)).toEqual(toNodeIds(c.request.path));
  });

  it('Next step takes one exit, feeding silence until the retries run out', () => {
    const c = counterexamples.find((x) => x.file === 'dead-end-nomatch-hangup.json' && x.request.ruleId === 'dead-end')!;
    const started = startReplay(c.flow, c.request, { now: OPEN });
    expect(started).toMatchObject({ status: 'playing', at: 0 });
    expect(getTrail(started.session)).toEqual(['main']);

    const stepped = replayNextStep(started);
    expect(stepped.status).toBe('done');
    const retries = (c.flow.nodes.main as { noMatch?: { retries?: number } }).noMatch?.retries ?? 2;
    const presses = texts(stepped.session, 'caller');
    expect(presses).toHaveLength(retries + 1);
    // A key the menu does not use, each time.
    const keys = new Set((c.flow.nodes.main as { options: Array<{ key?: string }> }).options.map((o) => o.key));
    for (const press of presses) expect(keys.has(press.replace('Pressed ', ''))).toBe(false);
    expect(getStatusText(stepped.session)).toBe('Hung up without reaching a person');
    expect(replayNextStep(stepped)).toBe(stepped);
  });

  it('a path through "closed" sets the simulated time and says so', () => {
    const c = counterexamples.find((x) => x.file === 'dead-end-closed-hangup.json')!;
    const replay = startReplay(c.flow, c.request, { now: OPEN });
    expect(texts(replay.session, 'environment')[0]).toMatch(/^Simulated time set to .+ so that .+ is closed$/);
    expect(replay.session.options.now).toBe(OPEN);
  });

  it('plays input, look-up and call-back exits of the bank line', () => {
    const request = bankPath([
      { nodeId: 'main_menu', exit: 'press 1', exitId: 'options.0.next' },
      { nodeId: 'balance_account', exit: 'valid input', exitId: 'next' },
      { nodeId: 'balance_lookup', exit: 'ok', exitId: 'on.ok' },
      { nodeId: 'balance_say', exit: 'next', exitId: 'next' },
      { nodeId: 'balance_menu', exit: 'press 0', exitId: 'options.2.next' },
      { nodeId: 'agent_hours', exit: 'open', exitId: 'then' },
      { nodeId: 'agent_queue', exit: 'press 1 for callback', exitId: 'callbackOffer.next' },
      { nodeId: 'agent_callback' },
    ]);
    const replay = replayAll(startReplay(bank, request, { now: CLOSED }));
    expect(replay.problem).toBeUndefined();
    expect(getTrail(replay.session)).toEqual(toNodeIds(request.path));
    expect(texts(replay.session, 'caller')).toEqual(['Pressed 1', 'Pressed 1111111111#', 'Pressed 0', 'Caller asks for a call back']);
    expect(texts(replay.session, 'environment')).toContain('Look-up ok');
  });

  it('stops and says where when the flow does not go the way of the path', () => {
    const request = bankPath([
      { nodeId: 'main_menu', exit: 'press 0', exitId: 'options.3.next' },
      { nodeId: 'agent_hours', exit: 'open', exitId: 'then' },
      { nodeId: 'closed_menu' },
    ]);
    const replay = replayAll(startReplay(bank, request, { now: OPEN }));
    expect(replay.status).toBe('diverged');
    expect(replay.problem).toBe('The call went from agent_hours to agent_queue where the path goes to closed_menu');
  });

  it('stops when the path names an exit the node does not have', () => {
    const replay = replayAll(startReplay(bank, bankPath([{ nodeId: 'main_menu', exit: 'press 7', exitId: 'options.6.next' }, { nodeId: 'agent_hours' }]), { now: OPEN }));
    expect(replay.status).toBe('diverged');
    expect(replay.problem).toBe('No caller input or outcome at main_menu takes "press 7"');
    expect(getTrail(replay.session)).toEqual(['main_menu']);
  });
});

describe('a goto in the simulator', () => {
  const linked = FlowSchema.parse({
    name: 'Entry',
    entry: 'to_brand',
    nodes: {
      to_brand: { kind: 'goto', flow: 'brand', on: { failed: 'agent' } },
      agent: { kind: 'transfer', to: { number: '+12125550100' }, on: { answered: 'bye' } },
      bye: { kind: 'hangup' },
    },
  });
  const wait = { kind: 'link', nodeId: 'to_brand', flowId: 'brand' } as const;

  it('stops where the call continues in the other flow, and offers the flow failing', () => {
    expect(getWaitText(linked, wait)).toBe('to_brand: the call continues in flow brand (not simulated here)');
    expect(getEnvironmentChoices(wait)).toEqual([{ label: 'The linked flow cannot start', event: { type: 'link', outcome: 'failed' } }]);
  });
});
