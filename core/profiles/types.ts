import type { RuleSetting } from '../schema/flow.ts';
import type { MeasureId, MeasureThreshold } from './measures.ts';

/** How binding the text a profile follows is. */
export type ProfileStatus = 'law' | 'standard' | 'draft';

/** One numbered requirement of a text, and what humanline does about it. */
export interface Requirement {
  /** the requirement's number in the profile, as a report cites it (`GH-1`, `ES-4`) */
  id: string;
  title: string;
  /** a short paraphrase of the text, not a quotation */
  text: string;
  /** the lint rules that prove it statically, with the severity and options this text asks for */
  rules: Record<string, RuleSetting>;
  /** what the runtime measures over real calls for it */
  measures?: MeasureId[];
  /** the figure the text asks of a measure; a measure without one is shown, not judged */
  thresholds?: Partial<Record<MeasureId, MeasureThreshold>>;
  /** what humanline cannot check from the flow for it */
  cannotCheck?: string;
}

/** A shareable lint config for one law or standard, as an ESLint shareable config. */
export interface Profile {
  /** what `extends` names: `humanline:<name>` */
  id: string;
  title: string;
  /** the text followed and its date: a profile is versioned by the text it follows */
  follows: { text: string; version: string; url?: string };
  status: ProfileStatus;
  /** when compliance is due, as an ISO date, when the text sets one */
  complianceBy?: string;
  requirements: Requirement[];
}
