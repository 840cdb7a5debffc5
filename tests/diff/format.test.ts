import { describe, expect, it } from 'vitest';
import { diffFlows } from '../../core/diff/diff-flows.ts';
import { MAX_MARKDOWN_LENGTH, formatDiffJson, formatDiffMarkdown, formatDiffStylish, toMarkdownText } from '../../core/diff/format.ts';
import { stripColors } from '../../core/format/stylish.ts';
import type { Flow } from '../../core/schema/flow.ts';

// A small line: a menu whose 0 goes to a transfer; the new version adds
// "press 2" to a voicemail, relabels the menu and drops the transfer's busy route.
const before: Flow = {
  name: 'Clinic',
  entry: 'menu',
  nodes: {
    menu: {
      kind: 'menu',
      label: 'Main menu',
      prompt: 'Press 1 for opening hours, 0 for the desk.',
      options: [
        { key: '1', next: 'hours' },
        { key: '0', next: 'desk' },
      ],
      noInput: { next: 'desk' },
      noMatch: { next: 'desk' },
    },
    hours: { kind: 'say', prompt: 'We are open from 8 to 5.', next: 'menu' },
    desk: { kind: 'transfer', label: 'Front desk', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
    vm: { kind: 'voicemail', prompt: 'Please leave a message.' },
  },
};

function toAfter(): Flow {
  const flow = structuredClone(before);
  const nodes = flow.nodes as Record<string, any>;
  nodes.menu.label = 'Welcome menu';
  nodes.menu.options.push({ key: '2', next: 'vm' });
  delete nodes.desk.on.busy;
  return flow;
}

const names = { beforeName: 'old/clinic.json', afterName: 'flows/clinic.json' };

describe('diff reports', () => {
  it('stylish: sections for what changed, then one summary line', () => {
    expect(formatDiffStylish(diffFlows(before, toAfter()), names)).toMatchInlineSnapshot(`
      "old/clinic.json → flows/clinic.json
      verdict: Every caller reaches a person within 3 steps → 3 errors break the guarantee (1 warning)

      Nodes
        ~ menu (menu "Welcome menu")
            label: "Main menu" → "Welcome menu"
            option 3 key: set to "2"

      Routes
        + menu: press 2 → vm
        - desk: busy → vm

      Steps to a person
        desk  best case 0, worst case 0 → no person, 0 s → no person

      Findings that appeared
        menu  error    A caller who says nothing here is hung up on before reaching a person.    silent-caller
          path: menu --no input--> desk --busy--> (hang up)
          scenario: silent caller (never presses or says anything)
        menu  error    A caller who keeps pressing the wrong key here is hung up on before       silent-caller
                       reaching a person.
          path: menu --no match--> desk --busy--> (hang up)
          scenario: confused caller (always gives invalid input)
        desk  error    The "busy" route is not connected, so the call hangs up there before the  dead-end
                       caller reached a person.
          path: menu --press 0--> desk --busy--> (hang up)
        desk  warning  The busy outcome is not connected, so the call hangs up there: connect    failure-branch
                       the busy outcome to a queue, voicemail or callback.

      ✖ 3 new errors (4 findings appeared, 0 cleared)
      "
    `);
  });

  it('stylish: colors only when asked, same words', () => {
    const diff = diffFlows(before, toAfter());
    const colored = formatDiffStylish(diff, { ...names, color: true });
    expect(colored).toContain('\u001b[');
    expect(stripColors(colored)).toBe(formatDiffStylish(diff, names));
  });

  it('stylish and markdown: one line when nothing changes for callers', () => {
    const diff = diffFlows(before, structuredClone(before));
    expect(formatDiffStylish(diff, names)).toBe(
      'old/clinic.json → flows/clinic.json\nverdict: Every caller reaches a person within 3 steps → Every caller reaches a person within 3 steps\n\n✔ nothing changes for callers\n',
    );
    expect(formatDiffMarkdown(diff, names)).toContain('Nothing changes for callers.');
  });

  it('markdown: a pull-request comment, the verdict before and after in its heading, tables and lists', () => {
    expect(formatDiffMarkdown(diffFlows(before, toAfter()), names)).toMatchInlineSnapshot(`
      "### flows/clinic.json: ✔ Every caller reaches a person within 3 steps → ✖ 3 errors break the guarantee (1 warning)

      ✖ 3 new errors (4 findings appeared, 0 cleared)

      #### Steps to a person

      | Node | Best case (steps) | Worst case (steps) | Worst case (seconds) |
      | --- | --- | --- | --- |
      | \`desk\` Front desk | 0 | 0 → no person | 0 s → no person |

      #### Findings that appeared

      - **error** \`silent-caller\` at \`menu\`: A caller who says nothing here is hung up on before reaching a person.
      - **error** \`silent-caller\` at \`menu\`: A caller who keeps pressing the wrong key here is hung up on before reaching a person.
      - **error** \`dead-end\` at \`desk\`: The "busy" route is not connected, so the call hangs up there before the caller reached a person.
      - **warning** \`failure-branch\` at \`desk\`: The busy outcome is not connected, so the call hangs up there: connect the busy outcome to a queue, voicemail or callback.

      #### Nodes

      - changed \`menu\` (menu "Welcome menu"): label: "Main menu" → "Welcome menu"; option 3 key: set to "2"

      #### Routes

      - added \`menu\` press 2 → \`vm\`
      - removed \`desk\` busy → \`vm\`
      "
    `);
  });

  it('markdown: text from the flow cannot mention people, add HTML or links, or break a table', () => {
    expect(toMarkdownText('@octocat <img src=x> [click](https://x.example) a|b `code`')).toBe(
      '&#64;octocat &lt;img src=x&gt; \\[click\\](https://x.example) a\\|b \\`code\\`',
    );
    const after = toAfter();
    after.nodes.menu!.label = '@team <b>';
    const markdown = formatDiffMarkdown(diffFlows(before, after), names);
    expect(markdown).not.toContain('@team');
    expect(markdown).not.toContain('<b>');
  });

  it('markdown: stays within what a comment holds', () => {
    const after = structuredClone(before);
    for (let index = 0; index < 2000; index++) {
      (after.nodes as Record<string, Flow['nodes'][string]>)[`notice_${index}`] = { kind: 'say', label: 'A notice nobody reaches', prompt: 'Hello.', next: 'menu' };
    }
    const markdown = formatDiffMarkdown(diffFlows(before, after), names);
    expect(markdown.length).toBeLessThanOrEqual(MAX_MARKDOWN_LENGTH);
    expect(markdown).toContain('cut here');
  });

  it('json: the diff with its names and whether it fails', () => {
    const report = JSON.parse(formatDiffJson(diffFlows(before, toAfter()), names));
    expect(report).toMatchObject({
      before: 'old/clinic.json',
      after: 'flows/clinic.json',
      newErrors: true,
      verdict: { before: { errorCount: 0 }, after: { errorCount: 3 } },
      routes: { added: [{ nodeId: 'menu', exit: 'press 2', target: 'vm' }], removed: [{ nodeId: 'desk', exit: 'busy', target: 'vm' }], changed: [] },
    });
    expect(report.findings.appeared.find((finding: { ruleId: string }) => finding.ruleId === 'dead-end')).toMatchObject({ nodeId: 'desk', severity: 'error', path: ['menu', 'desk'] });
  });
});
