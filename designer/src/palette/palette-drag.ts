/** The drag payload type a palette item carries: the node kind to add. */
export const PALETTE_MIME = 'application/x-humanline-kind';
