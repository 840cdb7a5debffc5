// Where a node holds transitions: the registry declares every such field, also
// those a node has no exit for now (a queue's `on.timeout` without `maxWait`),
// so a rename or a delete reaches them too and leaves no stale id behind.
export { getTargetFields, type TargetField } from '../../../core/nodes/registry.ts';
