// The article body schema as the server enforces it (src/content/document.hpp), on the browser side:
// which links may be stored, and the JSON the editor sends, stripped of every attribute the server refuses.

import { targetSummaryAttrs } from './target_summary.js';

const MAX_LINK_BYTES = 2048;
const MAX_ORDERED_LIST_START = 1000000;
const MAX_CELL_SPAN = 20;

// Whitespace, control and invisible characters would let "java\tscript:" or a zero-width space slip
// past a scheme check in some browser; the server refuses them, so the editor does too.
const FORBIDDEN_IN_HREF = /[\u0000-\u0020\u007f-\u009f\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\\]/;

// http(s)://host…, mailto:…, a path starting with "/" (not "//"), or "#fragment".
export function isAllowedHref(href) {
  if (typeof href !== 'string' || href === '') return false;
  if (new TextEncoder().encode(href).length > MAX_LINK_BYTES) return false;
  if (FORBIDDEN_IN_HREF.test(href)) return false;
  if (href[0] === '#') return true;
  if (href[0] === '/') return href.length === 1 || href[1] !== '/';
  const scheme = /^([a-zA-Z]+):(.*)$/s.exec(href);
  if (!scheme) return false;
  const name = scheme[1].toLowerCase();
  const rest = scheme[2];
  if (name === 'http' || name === 'https') return /^\/\/[^/?#]/.test(rest);
  if (name === 'mailto') return rest.length > 0;
  return false;
}

// What the person typed, made into a link target: "www.example.vn" → "https://www.example.vn",
// "ai@xa.gov.vn" → "mailto:ai@xa.gov.vn". Returns null when no allowed link can be made of it.
export function normaliseHref(input) {
  const href = String(input ?? '').trim();
  if (isAllowedHref(href)) return href;
  if (/^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/.test(href)) return `mailto:${href}`;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+([/?#]\S*)?$/i.test(href)) return `https://${href}`;
  return null;
}

function integerIn(value, low, high) {
  return Number.isInteger(value) && value >= low && value <= high;
}

function cleanMarks(marks, parentType) {
  const out = [];
  const seen = new Set();
  for (const mark of marks ?? []) {
    if (seen.has(mark.type)) continue;
    // A link inside a caption would make the whole photo a click trap: captions keep bold and italic only.
    if (parentType === 'figure' && mark.type !== 'bold' && mark.type !== 'italic') continue;
    if (mark.type === 'bold' || mark.type === 'italic' || mark.type === 'underline') {
      out.push({ type: mark.type });
    } else if (mark.type === 'link' && isAllowedHref(mark.attrs?.href)) {
      out.push({ type: 'link', attrs: { href: mark.attrs.href, target: mark.attrs.target === '_blank' ? '_blank' : null } });
    } else {
      continue;
    }
    seen.add(mark.type);
  }
  return out;
}

function cleanAttrs(node) {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case 'heading':
      return { level: integerIn(attrs.level, 2, 4) ? attrs.level : 2 };
    case 'orderedList':
      return integerIn(attrs.start, 2, MAX_ORDERED_LIST_START) ? { start: attrs.start } : null;
    case 'tableCell':
    case 'tableHeader': {
      const out = {};
      if (integerIn(attrs.colspan, 2, MAX_CELL_SPAN)) out.colspan = attrs.colspan;
      if (integerIn(attrs.rowspan, 2, MAX_CELL_SPAN)) out.rowspan = attrs.rowspan;
      return Object.keys(out).length ? out : null;
    }
    case 'figure':
      return { media: attrs.media };
    case 'targetSummary':
      return targetSummaryAttrs(attrs);
    default:
      return null;
  }
}

const KNOWN_NODES = new Set([
  'paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'blockquote', 'horizontalRule',
  'hardBreak', 'table', 'tableRow', 'tableHeader', 'tableCell', 'text', 'figure', 'targetSummary',
]);

function cleanNode(node, parentType) {
  if (!KNOWN_NODES.has(node.type)) return null;
  if (node.type === 'text') {
    if (typeof node.text !== 'string' || node.text === '') return null;
    const out = { type: 'text', text: node.text };
    const marks = cleanMarks(node.marks, parentType);
    if (marks.length) out.marks = marks;
    return out;
  }
  if (node.type === 'figure' && !(Number.isInteger(node.attrs?.media) && node.attrs.media > 0)) return null;
  if (node.type === 'targetSummary' && !targetSummaryAttrs(node.attrs)) return null;
  const out = { type: node.type };
  const attrs = cleanAttrs(node);
  if (attrs) out.attrs = attrs;
  const content = (node.content ?? []).map((child) => cleanNode(child, node.type)).filter(Boolean);
  if (content.length) out.content = content;
  return out;
}

// The editor's JSON reduced to exactly what the server stores: known nodes and marks, and only the
// attributes it accepts (Tiptap adds link titles, cell alignment, list types and colwidths of its own).
export function toServerDocument(json) {
  const content = (json?.content ?? []).map((node) => cleanNode(node, 'doc')).filter(Boolean);
  return { type: 'doc', content };
}
