import type { Rule } from './rule.ts';
import calendars from './rules/calendars.ts';
import deadEnd from './rules/dead-end.ts';
import dtmfFallback from './rules/dtmf-fallback.ts';
import dtmfReachability from './rules/dtmf-reachability.ts';
import duplicateKey from './rules/duplicate-key.ts';
import endlessLoop from './rules/endless-loop.ts';
import failureBranch from './rules/failure-branch.ts';
import humanOptionFirstMenu from './rules/human-option-first-menu.ts';
import humanUnreachable from './rules/human-unreachable.ts';
import inputTimeoutWarning from './rules/input-timeout-warning.ts';
import languageChoice from './rules/language-choice.ts';
import menuBargeIn from './rules/menu-barge-in.ts';
import menuOptions from './rules/menu-options.ts';
import missingTarget from './rules/missing-target.ts';
import noRepeat from './rules/no-repeat.ts';
import operatorKey from './rules/operator-key.ts';
import promptLength from './rules/prompt-length.ts';
import queueCallbackOffer from './rules/queue-callback-offer.ts';
import queueHygiene from './rules/queue-hygiene.ts';
import queueWaitAnnouncement from './rules/queue-wait-announcement.ts';
import retryLimit from './rules/retry-limit.ts';
import secondsToHuman from './rules/seconds-to-human.ts';
import secondsToPerson from './rules/seconds-to-person.ts';
import silentCaller from './rules/silent-caller.ts';
import stepsToHuman from './rules/steps-to-human.ts';
import translationCoverage from './rules/translation-coverage.ts';
import unreachableNode from './rules/unreachable-node.ts';

/** Every lint rule, sorted by id. Nothing else lists rule names. */
export const RULES: ReadonlyArray<Rule<any>> = [
  calendars,
  deadEnd,
  dtmfFallback,
  dtmfReachability,
  duplicateKey,
  endlessLoop,
  failureBranch,
  humanOptionFirstMenu,
  humanUnreachable,
  inputTimeoutWarning,
  languageChoice,
  menuBargeIn,
  menuOptions,
  missingTarget,
  noRepeat,
  operatorKey,
  promptLength,
  queueCallbackOffer,
  queueHygiene,
  queueWaitAnnouncement,
  retryLimit,
  secondsToHuman,
  secondsToPerson,
  silentCaller,
  stepsToHuman,
  translationCoverage,
  unreachableNode,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule<any>> = new Map(RULES.map((rule) => [rule.id, rule]));
