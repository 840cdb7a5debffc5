import { RULES } from '../../core/lint/registry.ts';

// What the property tests share: the six core rules the guarantee rests on, alone.

export const CORE_RULES = ['human-unreachable', 'steps-to-human', 'silent-caller', 'dead-end', 'endless-loop', 'operator-key'];

/** A config with the core rules as errors and every other rule off. */
export const CORE_CONFIG = { rules: Object.fromEntries(RULES.map((r) => [r.id, CORE_RULES.includes(r.id) ? ('error' as const) : ('off' as const)])) };

