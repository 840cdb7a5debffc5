/**
 * Published flows and drafts kept where every replica reads them, with a
 * message to every replica when a published flow changes. Without it (one
 * machine) the flows folder and the drafts folder are the only copies.
 */
export interface SharedFlows {
  /** where the flows are kept, for the log (no password) */
  readonly location: string;
  /** a published flow's file text; undefined when the flow is not published */
  getPublished(flowId: string): Promise<string | undefined>;
  listPublishedIds(): Promise<string[]>;
  /** whether the flow was ever published or withdrawn here: false after Redis lost its data (restarted without persistence) */
  isKnown(flowId: string): Promise<boolean>;
  /**
   * Publishes the text for every replica; resolves to false when nothing
   * changed: the same text was published already, or (`onlyIfNewer`, for a
   * file of the flows folder) the flow was published or withdrawn at or after
   * `at`, so a replica starting from an old copy of the folder does not roll
   * back what the designer published since.
   */
  publish(flowId: string, text: string, options: { at: Date; onlyIfNewer?: boolean }): Promise<boolean>;
  /** withdraws a published flow, remembering when, so an older file does not bring it back */
  withdraw(flowId: string, at: Date): Promise<void>;
  getDraft(flowId: string): Promise<string | undefined>;
  listDraftIds(): Promise<string[]>;
  saveDraft(flowId: string, text: string): Promise<void>;
  removeDraft(flowId: string): Promise<void>;
  /**
   * `onChange` runs on every replica (this one too) when a flow is published
   * or withdrawn; `onResync` after the connection came back, when changes may
   * have been missed.
   */
  subscribe(handlers: { onChange(flowId: string): void; onResync(): void }): Promise<void>;
  close(): Promise<void>;
}
