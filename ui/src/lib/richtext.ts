// Helpers of the rich account editor (RichText.svelte) that need no editor: the value it saves,
// and what pasted HTML keeps. The editor's schema (bold, italic, links, lists, one heading level)
// already drops fonts, colours and everything else; this turns what Word puts on the clipboard
// into lists it can read and leaves out tracked deletions, comments and list-mark text.

/** The stored form of what the editor wrote: a hard line break is a plain line break there
 * (see src/richtext), so the trailing two spaces Markdown writers use for it are dropped. */
export function storedForm(markdown: string): string {
  return markdown.replace(/ {2,}\n/g, '\n').replace(/\\\n/g, '\n').replace(/\s+$/, '');
}

/** True when `uri` is an address the portfolio may link: http, https or mailto. */
export function webAddress(uri: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(uri.trim());
}

/** Word's list paragraphs (`mso-list` styles, with the mark as text) turned into real lists;
 * tracked deletions, comment marks and Word's hidden list marks left out. */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const body = doc.body;
  // Tracked changes: what is deleted goes, what is inserted stays as plain text.
  body.querySelectorAll('del, s.msoDel, .msoDel').forEach((e) => e.remove());
  body.querySelectorAll('ins, .msoIns').forEach((e) => e.replaceWith(...Array.from(e.childNodes)));
  // Comments: their marks and their text (Word's comment list) never reach the account.
  body.querySelectorAll('.MsoCommentReference, .msocomanchor, [style*="mso-element:comment"]').forEach((e) => e.remove());
  const isListPara = (e: Element) =>
    e.tagName === 'P' && (/mso-list:\s*l\d/i.test(e.getAttribute('style') ?? '') || /MsoListParagraph/i.test(e.className));
  const paras = Array.from(body.querySelectorAll('p')).filter(isListPara);
  let list: HTMLElement | null = null;
  let nested: HTMLElement | null = null;
  for (const p of paras) {
    const style = p.getAttribute('style') ?? '';
    const level = Number((style.match(/level(\d)/i) ?? [])[1] ?? 1);
    const word = (style.match(/mso-list:\s*(l\d+)/i) ?? [])[1] ?? '';
    const markEl = p.querySelector('[style*="mso-list:Ignore"], [style*="mso-list: Ignore"]');
    const ordered = /^\s*(\d+|[a-z]|[ivx]+)[.)]/i.test(markEl?.textContent ?? '');
    markEl?.remove();
    const li = doc.createElement('li');
    li.append(...Array.from(p.childNodes));
    // A list paragraph right after the list being built continues it.
    // (Word numbers its lists l0, l1...: another number is another list.)
    if (!list || p.previousElementSibling !== list || list.dataset.word !== word || (level === 1 && (list.tagName === 'OL') !== ordered)) {
      list = doc.createElement(ordered ? 'ol' : 'ul');
      list.dataset.word = word;
      nested = null;
      p.before(list);
    }
    if (level > 1 && list.lastElementChild) {
      if (!nested || nested.parentElement !== list.lastElementChild) {
        nested = doc.createElement(ordered ? 'ol' : 'ul');
        list.lastElementChild.appendChild(nested);
      }
      nested.appendChild(li);
    } else {
      nested = null;
      list.appendChild(li);
    }
    p.remove();
  }
  body.querySelectorAll('span').forEach((e) => { if (!e.childNodes.length) e.remove(); });
  body.querySelectorAll('[data-word]').forEach((e) => e.removeAttribute('data-word'));
  return body.innerHTML;
}
