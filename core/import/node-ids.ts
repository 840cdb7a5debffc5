import type { ImportFindings } from './findings.ts';

/** A name that is a node id already, as most exports' names are: it is its own id. */
const VALID_NODE_ID = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Id characters only, the first not allowed to lead an id (a Connect UUID): a `_` in front makes it one. */
const ID_BUT_ITS_FIRST = /^[0-9.-][A-Za-z0-9_.-]*$/;

/**
 * A valid node id for a widget or action name (see NodeIdSchema): other characters become `_`,
 * a leading digit gets a `_` in front (Connect identifiers are often UUIDs), and `__proto__` is
 * renamed because it cannot be a key of a plain object.
 */
export function toNodeId(name: string): string {
  if (VALID_NODE_ID.test(name) && name !== '__proto__') return name;
  // what the general rewrite below gives, without its three passes over each of 10,000 UUIDs
  if (ID_BUT_ITS_FIRST.test(name)) return `_${name}`;
  let id = name.trim().replace(/[^A-Za-z0-9_.-]+/g, '_');
  if (!/^[A-Za-z_]/.test(id)) id = `_${id}`;
  return id === '__proto__' ? '_proto_' : id;
}

/** The first widget or action of each name: what an importer looks names up in besides their ids. */
export interface FirstByName<Source> {
  getFirst(sourceName: string): Source | undefined;
}

/**
 * The map from source names to node ids, and the ids the importer adds itself. It keeps the
 * first source of each name too, so an importer needs no second map of 100,000 names (each key
 * added to a large table costs more than the rest of a widget's bookkeeping).
 */
export class NodeIds<Source = unknown> implements FirstByName<Source> {
  /** the index of a name's first claim in `claimedIds` and `claimedSources`: numbers in the map, no object per name */
  private readonly bySource = new Map<string, number>();
  private readonly claimedIds: string[] = [];
  private readonly claimedSources: Source[] = [];
  /** ids taken other than a name that is its own id: those are known from `bySource` alone, saving a 100,000-entry set */
  private readonly taken = new Set<string>();

  constructor(private readonly findings: ImportFindings) {}

  /** Gives a source widget or action its node id, reporting names that collide; the first `source` of a name is kept. */
  claim(sourceName: string, source: Source): string {
    const base = toNodeId(sourceName);
    const claimed = this.get(sourceName);
    if (claimed !== undefined) {
      const id = this.fresh(base, '_');
      this.findings.lose(id, `"${sourceName}" is the name of more than one widget or action: this one became node "${id}", and transitions to "${sourceName}" go to node "${claimed}"`);
      return id;
    }
    let id = base;
    // bySource has no entry for sourceName, looked up above: an id that is the name can only be in `taken`,
    // which is empty until a name needs an id other than itself (asked anyway, it was a look-up per widget)
    if (id === sourceName ? this.taken.size > 0 && this.taken.has(id) : !this.takeIfFree(id)) {
      id = this.fresh(base, '_');
      this.findings.warn(id, `"${sourceName}" turns into the node id "${base}", which another widget or action already has: it became node "${id}"`);
    }
    this.bySource.set(sourceName, this.claimedIds.length);
    this.claimedIds.push(id);
    this.claimedSources.push(source);
    return id;
  }

  /** A new id near `base` for a node the importer adds (a link of a condition chain, say). */
  fresh(base: string, separator = '.'): string {
    for (let n = 2; ; n++) {
      const id = `${base}${separator}${n}`;
      if (!this.isTaken(id)) {
        this.taken.add(id);
        return id;
      }
    }
  }

  /** `id` itself for a node the importer adds, when no widget, action or added node has it; else a fresh id near it. */
  add(id: string): string {
    return this.takeIfFree(id) ? id : this.fresh(id);
  }

  /**
   * Takes `id` (not a name of its own) when nothing has it, answering whether it was free. The set
   * is asked by its size around one insertion, not by a look-up and then an insertion: almost half
   * the actions of a Connect export (a UUID that starts with a digit) get such an id.
   */
  private takeIfFree(id: string): boolean {
    if (this.get(id) === id) return false;
    const size = this.taken.size;
    this.taken.add(id);
    return this.taken.size > size;
  }

  private isTaken(id: string): boolean {
    return this.taken.has(id) || this.get(id) === id;
  }

  /** The node id of a source name; undefined when the export has no widget or action of that name. */
  get(sourceName: string): string | undefined {
    const index = this.bySource.get(sourceName);
    return index === undefined ? undefined : this.claimedIds[index];
  }

  /** The first widget or action of a name; undefined when the export has none of that name. */
  getFirst(sourceName: string): Source | undefined {
    const index = this.bySource.get(sourceName);
    return index === undefined ? undefined : this.claimedSources[index];
  }
}

/** The source name as a label when the id no longer shows it (a leading `_` alone hides nothing). */
export function toSourceLabel(id: string, sourceName: string): string | undefined {
  // compared in place: `_${sourceName}` built to compare was a string per node
  return id === sourceName || (id.length === sourceName.length + 1 && id.startsWith('_') && id.endsWith(sourceName)) ? undefined : sourceName;
}

/** `{ label }` with the source name when the id no longer shows it, for a literal that spreads it. */
export function getSourceLabel(id: string, sourceName: string): { label?: string } {
  const label = toSourceLabel(id, sourceName);
  return label === undefined ? {} : { label };
}
