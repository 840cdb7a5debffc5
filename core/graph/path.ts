/** How a walk through a flow ends. */
export type PathEnd =
  | 'person' // reached a live person (a human node's success outcome)
  | 'followUp' // reached voicemail or a callback
  | 'hangup' // the call ended (a closing node or an unconnected transition)
  | 'loop' // came back to a node already on the walk
  | 'open'; // stops here: the walk only shows how to get to a node

/** One node of a walk: the last one stops there, any other names the exit taken from it. */
export type PathStep = NodeReached | NodeLeft;

/** The node a walk stops at. */
interface NodeReached {
  /** id of the node visited */
  nodeId: string;
  /** the file the node sits in, when the walk crosses the flows of a line */
  file?: string;
  /** none: the walk ends here */
  exit?: undefined;
  /** none: the walk ends here */
  exitId?: undefined;
}

/** A node the walk leaves (the last step too, when it hangs up through an unconnected exit). */
interface NodeLeft {
  /** id of the node visited */
  nodeId: string;
  /** the file the node sits in, when the walk crosses the flows of a line */
  file?: string;
  /** label of the exit taken (`press 0`, `no input`, `busy`), for people: two options can share one */
  exit: string;
  /** id of the exit taken as the registry declares it (`options.1.next`, `noInput.next`, `on.busy`), for tools: the simulator replays it */
  exitId: string;
}

/** A walk through a flow, as counterexamples and routes are reported. */
export interface Path {
  /** the nodes visited in order, with the exit taken from each */
  steps: PathStep[];
  /** caller decisions on the way (visits of menu and input nodes) */
  callerSteps: number;
  /** how the walk ends */
  end: PathEnd;
}

/** `main --no input--> main --no input--> ...`; across a line, `entry.json:main --press 1--> brand.json:hours ...` */
export function toWords(path: Path): string {
  return toStepWords(path.steps, 0, path.steps.length, path.end);
}

/**
 * Steps `from` to `to` of a walk in words, as `toWords` gives a walk of those steps ending as `end`:
 * built as one string, no array of parts, as a large flow's report words tens of thousands of walks.
 */
export function toStepWords(steps: readonly PathStep[], from: number, to: number, end: PathEnd): string {
  let words = '';
  for (let index = from; index < to; index++) {
    const step = steps[index]!;
    if (index > from) words += ' ';
    words += step.file === undefined ? step.nodeId : `${step.file}:${step.nodeId}`;
    if (step.exit !== undefined) {
      words += ` --${step.exit}-->`;
      if (index === to - 1 && end === 'hangup') words += ' (hang up)';
    }
  }
  const last = to > from ? steps[to - 1] : undefined;
  let closing = '';
  if (end === 'loop') closing = '...';
  else if (end === 'person') closing = '(person)';
  else if (end === 'followUp') closing = '(follow-up)';
  else if (end === 'hangup' && last?.exit === undefined) closing = '(hang up)';
  if (closing === '') return words;
  return to > from ? `${words} ${closing}` : closing;
}

export function toNodeIds(path: Path): string[] {
  return path.steps.map((step) => step.nodeId);
}
