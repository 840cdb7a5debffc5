import type { NodeOfKind } from '../schema/flow.ts';
import { toFlowId } from '../schema/flow-id.ts';
import { toArnTail } from './flow-links.ts';
import type { ImportContext } from './import-context.ts';

/** A link to another flow, as the source names it. */
export interface SourceLink {
  /** the ids and names the source gives the other flow, the one to show first */
  references: string[];
  /** words for findings: `TransferToFlow`, `run-subflow "billing"` */
  words: string;
  failed?: string | undefined;
  label?: string;
}

/**
 * A `goto` to the flow the source hands the call to: that export's flow id when it was
 * imported in the same run, else an id made from its reference, reported, so lint names the
 * flow as missing until one of that id is linted beside this one.
 */
export function toGotoNode(ctx: ImportContext, nodeId: string, link: SourceLink): NodeOfKind<'goto'> {
  const [first = ''] = link.references;
  const linked = ctx.links(link.references);
  const tail = toArnTail(first);
  const flow = linked ?? toFlowId(tail);
  if (linked === undefined && isRuntimeReference(first)) {
    // no file can be the flow a contact attribute or a variable names: what it means is the user's to say
    ctx.findings.warn(nodeId, `${link.words} names its flow by "${first}", known only while the call runs: it became a goto to flow "${flow}", which no file is; set the flow it stands for`);
  } else if (linked === undefined) {
    // an ARN is 100-odd characters of region, account and instance: the flow's name, or its id, is what a reader knows it by
    const shown = tail === first ? first : (link.references[1] ?? tail);
    ctx.findings.warn(nodeId, `${link.words} hands the call to flow "${shown}", which is not among the files imported with this one: it became a goto to flow "${flow}", missing until a flow of that id is beside this one`);
  }
  return {
    kind: 'goto',
    ...(link.label !== undefined ? { label: link.label } : {}),
    flow,
    ...(link.failed !== undefined ? { on: { failed: link.failed } } : {}),
  };
}

/** A flow named by what the call holds: a Connect attribute (`$.Attributes.flow`) or Liquid (`{{flow.variables.flow}}`). */
function isRuntimeReference(reference: string): boolean {
  return reference.startsWith('$.') || reference.includes('{{');
}
