// @vitest-environment happy-dom
// The editor's schema and Markdown as the account's stored form: what loads, what is written back,
// and what a paste from Word or a web page keeps.
import { describe, expect, it } from 'vitest';
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Markdown } from '@tiptap/markdown';
import { cleanPastedHtml, storedForm } from './richtext';

function editor(content: string): Editor {
  const element = document.createElement('div');
  document.body.appendChild(element);
  return new Editor({
    element,
    extensions: [
      StarterKit.configure({ blockquote: false, code: false, codeBlock: false, horizontalRule: false, strike: false, underline: false, heading: { levels: [3] } }),
      Markdown.configure({ markedOptions: { breaks: true, gfm: false } }),
    ],
    content,
    contentType: 'markdown',
  });
}

describe('the stored form through the editor', () => {
  it('keeps lists, nesting, bold, italic, links, the sub-heading and line breaks', () => {
    const md = '### Our pupils\n\nWe **led** an *assembly* with [the page](https://example.org/a), E3.\nSecond line.\n\n- one\n- two\n  - two a\n\n1. first\n2. second';
    const e = editor(md);
    const out = storedForm(e.getMarkdown());
    expect(out).toContain('### Our pupils');
    expect(out).toContain('**led**');
    expect(out).toContain('*assembly*');
    expect(out).toContain('[the page](https://example.org/a)');
    expect(out).toContain('E3.\nSecond line.');
    expect(out).toMatch(/- one\n- two\n {2}- two a/);
    expect(out).toMatch(/1\. first\n2\. second/);
  });

  it('a nested list under a numbered item stays nested', () => {
    const out = storedForm(editor('1. first\n   - under\n2. second').getMarkdown());
    expect(out).toMatch(/1\. first\n {3}- under/);
  });

  it('pasted HTML keeps the subset and drops the rest', () => {
    const e = editor('');
    const html = '<p style="font-family:Comic Sans;color:red">A <span style="font-weight:700">bold</span> and <em>slanted</em> word, <a href="https://e.org/x">a link</a>, <u>under</u> <s>gone</s> <code>x</code></p><ul><li>alpha</li><li>beta</li></ul><h1>Big</h1>';
    e.commands.setContent(cleanPastedHtml(html));
    const out = storedForm(e.getMarkdown());
    expect(out).toContain('**bold**');
    expect(out).toContain('*slanted*');
    expect(out).toContain('[a link](https://e.org/x)');
    expect(out).toMatch(/- alpha\n- beta/);
    expect(out).not.toMatch(/Comic|color|<|~~|`/);
    expect(out).not.toContain('# Big');
  });

  it("Word's list paragraphs become lists; tracked deletions and comments go", () => {
    const html = `<div class=WordSection1><p class=MsoNormal>Intro <del>old words</del><ins>new words</ins><span class=MsoCommentReference>[A1]</span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp;</span></span><![endif]>Staff trained</p>
<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level2 lfo1'><span style='mso-list:Ignore'>o<span>&nbsp;</span></span>Governors too</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·<span>&nbsp;</span></span>Pupils</p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>1.<span>&nbsp;</span></span>First step</p></div>`;
    const cleaned = cleanPastedHtml(html);
    const e = editor('');
    e.commands.setContent(cleaned);
    const out = storedForm(e.getMarkdown());
    expect(out).toContain('Intro new words');
    expect(out).not.toContain('old words');
    expect(out).not.toContain('[A1]');
    expect(out).toMatch(/- Staff trained\n {2}- Governors too\n- Pupils/);
    expect(out).toMatch(/1\. First step/);
    expect(out).not.toContain('·');
  });
});
