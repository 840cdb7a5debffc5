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
  const parts: string[] = [];
  path.steps.forEach((step, index) => {
    parts.push(step.file === undefined ? step.nodeId : `${step.file}:${step.nodeId}`);
    const isLast = index === path.steps.length - 1;
    if (step.exit !== undefined) parts.push(`--${step.exit}-->`);
    if (isLast && step.exit !== undefined && path.end === 'hangup') parts.push('(hang up)');
  });
  if (path.end === 'loop') parts.push('...');
  else if (path.end === 'person') parts.push('(person)');
  else if (path.end === 'followUp') parts.push('(follow-up)');
  else if (path.end === 'hangup' && path.steps.at(-1)?.exit === undefined) parts.push('(hang up)');
  return parts.join(' ');
}

export function toNodeIds(path: Path): string[] {
  return path.steps.map((step) => step.nodeId);
}
