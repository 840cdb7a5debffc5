import { describe, expect, it } from 'vitest';
import { importFlow, importLine } from '../../core/import/index.ts';
import { lintLine } from '../../core/lint/line.ts';
import { expectImported, findingsOf, getNode } from './helpers.ts';
import { ARN, connectMain, connectOverflow, studioBilling, studioMain } from './linked-exports.ts';

describe('links between exports imported together', () => {
  it('maps a Connect TransferToFlow to a goto to the flow of the run it names, its error the failed route', () => {
    const [main, overflow] = importLine([{ file: 'main.json', data: connectMain }, { file: 'exports/after-hours.json', data: connectOverflow }]);
    expect(main!.flowId).toBe('main');
    expect(overflow!.flowId).toBe('after-hours');
    const { flow, findings } = expectImported(main!.result);
    expect(getNode(flow, 'To_overflow', 'goto')).toEqual({ kind: 'goto', label: 'To overflow', flow: 'after-hours', on: { failed: 'To_billing' } });
    expect(findingsOf(findings, 'To_overflow')).toEqual([]);
  });

  it('resolves a Connect link by the display name or the id alone', () => {
    const byName = { ...connectOverflow, ContactFlow: { Name: 'Overflow', Content: connectOverflow.ContactFlow.Content } };
    const [main] = importLine([{ file: 'main.json', data: connectMain }, { file: 'o.json', data: byName }]);
    expect(getNode(expectImported(main!.result).flow, 'To_overflow', 'goto').flow).toBe('o');
    const [again] = importLine([{ file: 'main.json', data: connectMain }, { file: '1111-aaaa.json', data: connectOverflow.ContactFlow.Content }]);
    expect(getNode(expectImported(again!.result).flow, 'To_overflow', 'goto').flow).toBe('1111-aaaa');
  });

  it('makes a link to a flow outside the run a goto to a flow id made from it, and names node and id', () => {
    const [main] = importLine([{ file: 'main.json', data: connectMain }, { file: 'after-hours.json', data: connectOverflow }]);
    const { flow, findings } = expectImported(main!.result);
    expect(getNode(flow, 'To_billing', 'goto')).toEqual({ kind: 'goto', label: 'To billing', flow: '9999-ffff', on: { failed: 'Bye' } });
    expect(findingsOf(findings, 'To_billing')).toEqual([expect.stringMatching(new RegExp(`^warning: TransferToFlow hands the call to flow "9999-ffff", which is not among the files imported with this one: it became a goto to flow "9999-ffff"`))]);
  });

  it('names a flow outside the run by its display name, or its id, not by its whole ARN', () => {
    const [main] = importLine([{ file: 'main.json', data: connectMain }]);
    const { findings } = expectImported(main!.result);
    expect(findingsOf(findings, 'To_overflow')).toEqual([
      'warning: TransferToFlow hands the call to flow "Overflow", which is not among the files imported with this one: it became a goto to flow "1111-aaaa", missing until a flow of that id is beside this one',
    ]);
    expect(findings.map((finding) => finding.message).join('\n')).not.toContain(ARN);
  });

  it('says a flow named by a contact attribute is known only while the call runs, not that its file is missing', () => {
    const dynamic = {
      StartAction: 'Route',
      Actions: [
        { Identifier: 'Route', Type: 'TransferToFlow', Parameters: { ContactFlowId: '$.FlowAttributes.queue_flow' }, Transitions: { Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'Bye' }] } },
        { Identifier: 'Bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
      ],
    };
    const [main] = importLine([{ file: 'main.json', data: dynamic }]);
    const { flow, findings } = expectImported(main!.result);
    const goto = getNode(flow, 'Route', 'goto');
    expect(findingsOf(findings, 'Route')).toEqual([
      `warning: TransferToFlow names its flow by "$.FlowAttributes.queue_flow", known only while the call runs: it became a goto to flow "${goto.flow}", which no file is; set the flow it stands for`,
    ]);
  });

  it('maps a Studio run-subflow to a goto to the subflow saved as <FlowSid>.json, and reports that the return is not kept', () => {
    const [main] = importLine([{ file: 'main.json', data: studioMain }, { file: 'FW0123abcd.json', data: studioBilling }]);
    const { flow, findings } = expectImported(main!.result);
    expect(getNode(flow, 'billing', 'goto')).toEqual({ kind: 'goto', flow: 'fw0123abcd', on: { failed: 'sorry' } });
    expect(findingsOf(findings, 'billing')).toEqual([expect.stringMatching(/^error: run-subflow "billing" comes back to "thanks" when the subflow completes, but a goto does not come back/)]);
  });

  it('reports a Studio subflow imported alone as a link outside the run', () => {
    const { flow, findings } = expectImported(importFlow(studioMain));
    expect(getNode(flow, 'billing', 'goto').flow).toBe('fw0123abcd');
    expect(findingsOf(findings, 'billing')).toContainEqual(expect.stringContaining('run-subflow "billing" hands the call to flow "FW0123abcd", which is not among the files imported with this one'));
  });

  it('lints the imported flows as one line: the resolved link is no missing flow, the other is', () => {
    const imported = importLine([{ file: 'main.json', data: connectMain }, { file: 'after-hours.json', data: connectOverflow }]);
    const sources = imported.map(({ file, result }) => ({ file, flow: expectImported(result).flow }));
    const [main] = lintLine(sources);
    const missing = main!.findings.filter((finding) => finding.ruleId === 'missing-target').map((finding) => `${finding.nodeId}: ${finding.message}`);
    expect(missing).toEqual([expect.stringMatching(/^To_billing: .*continues in flow "9999-ffff", which is not linted with this one/)]);
  });
});
