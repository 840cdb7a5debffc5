/** Why an edit was refused: the UI can word each reason its own way. */
export type CanvasEditReason = 'unknown-node' | 'unknown-handle' | 'unknown-edge' | 'entry-removed';

/** A canvas gesture that cannot be applied to the flow; the flow is left as it was. */
export class CanvasEditError extends Error {
  override readonly name = 'CanvasEditError';

  constructor(
    readonly reason: CanvasEditReason,
    message: string,
    /** the node the refused edit is about */
    readonly nodeId?: string,
  ) {
    super(message);
  }
}
