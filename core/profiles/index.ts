import { z } from 'zod';
import type { RuleSettings } from '../schema/flow.ts';
import esLey102025 from './es-ley-10-2025.ts';
import gethuman from './gethuman.ts';
import type { Profile } from './types.ts';
import usCaAb1609Draft from './us-ca-ab-1609-draft.ts';

/** Every profile `extends` can name, sorted by id. Nothing else lists profile names. */
export const PROFILES: readonly Profile[] = [esLey102025, gethuman, usCaAb1609Draft];

export const PROFILES_BY_ID: ReadonlyMap<string, Profile> = new Map(PROFILES.map((profile) => [profile.id, profile]));

const PROFILE_IDS = PROFILES.map((profile) => profile.id) as [string, ...string[]];

/** A profile's name in `extends`: one of ours (an enum, so editors complete it), or an error naming them all. */
export const ProfileIdSchema = z.enum(PROFILE_IDS, {
  error: (issue) => `unknown profile ${JSON.stringify(issue.input)}; known profiles: ${PROFILE_IDS.join(', ')}`,
});

/** `extends`: profiles applied in order, a later one winning, as ESLint's shareable configs; a short list, as a person writes it. */
export const ExtendsSchema = z.array(ProfileIdSchema).max(10);

/** A profile's rule settings: its requirements' in order, a later requirement winning. */
export function getProfileRules(profile: Profile): RuleSettings {
  return Object.assign({}, ...profile.requirements.map((requirement) => requirement.rules));
}
