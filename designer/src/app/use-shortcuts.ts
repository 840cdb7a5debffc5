import { useEffect } from 'react';
import type { FilesStore } from '../stores/files-store.ts';
import type { DesignerStore } from '../stores/designer-store.ts';
import { LAYOUT_SIZE } from '../canvas/view-options.ts';
import { useFitView } from '../canvas/use-fit-view.ts';

/** Typing in a field keeps its keys: shortcuts act only on the canvas and the page. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo, Ctrl/Cmd+C / V copy and paste,
 * Delete or Backspace removes the selection, Ctrl/Cmd+S saves, Shift+L lays out, Shift+F fits.
 */
export function useShortcuts(designer: DesignerStore, files: FilesStore): void {
  const fitCanvas = useFitView();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') {
        event.preventDefault();
        void files.getState().save();
        return;
      }
      if (isTyping(event.target)) return;
      const state = designer.getState();
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) state.redo();
        else state.undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        state.redo();
      } else if (mod && key === 'c') {
        state.copySelection();
      } else if (mod && key === 'v') {
        event.preventDefault();
        state.paste();
      } else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        event.preventDefault();
        state.removeSelection();
      } else if (!mod && event.shiftKey && key === 'l') {
        state.autoLayout(LAYOUT_SIZE);
        window.setTimeout(() => fitCanvas(), 50);
      } else if (!mod && event.shiftKey && key === 'f') {
        fitCanvas({ duration: 200 });
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [designer, files, fitCanvas]);
}
