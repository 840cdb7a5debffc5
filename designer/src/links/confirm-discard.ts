/** Leaving unsaved edits needs a yes. */
export function confirmDiscard(dirty: boolean): boolean {
  return !dirty || window.confirm('This flow has unsaved changes. Discard them?');
}
