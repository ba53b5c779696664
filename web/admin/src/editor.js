// The article editor of the back office: Tiptap on every [data-editor-for] element, writing the body as the
// server's JSON document into the textarea it names. Contract with the edit page: docs in helpers/back_office.md
// and src/content/document.hpp (the schema). No inline style or script: the stylesheet is linked from /static.
import { Editor } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import Heading from '@tiptap/extension-heading';
import Bold from '@tiptap/extension-bold';
import Italic from '@tiptap/extension-italic';
import Underline from '@tiptap/extension-underline';
import Link from '@tiptap/extension-link';
import Blockquote from '@tiptap/extension-blockquote';
import HorizontalRule from '@tiptap/extension-horizontal-rule';
import HardBreak from '@tiptap/extension-hard-break';
import { BulletList, OrderedList, ListItem, ListKeymap } from '@tiptap/extension-list';
import { Table, TableRow, TableHeader, TableCell } from '@tiptap/extension-table';
import { UndoRedo, Dropcursor, Gapcursor } from '@tiptap/extensions';

import { createFigure } from './figure.js';
import { TargetSummary, targetSummaryAttrs } from './target_summary.js';
import { LibraryPicker, UploadList, filePicker, uploadFile } from './media.js';
import { isAllowedHref, normaliseHref, toServerDocument } from './schema.js';
import { createToolbar } from './toolbar.js';

// Replaced by build.mjs with the hashed address the server gives the stylesheet.
const STYLESHEET_URL = typeof __EDITOR_CSS_URL__ === 'string' ? __EDITOR_CSS_URL__ : '';
const AUTOSAVE_DELAY_MS = 10000;
const VIETNAM_TIME = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Ho_Chi_Minh' });

// Cells hold what the server allows in them (no headings, quotes, photos or tables), and no alignment.
const CELL_CONTENT = '(paragraph | bulletList | orderedList)+';
const cellAttributes = () => ({ colspan: { default: 1 }, rowspan: { default: 1 }, colwidth: { default: null } });
const Cell = TableCell.extend({ content: CELL_CONTENT, addAttributes: cellAttributes });
const Header = TableHeader.extend({ content: CELL_CONTENT, addAttributes: cellAttributes });

function linkStylesheet() {
  if (!STYLESHEET_URL || document.querySelector(`link[href="${STYLESHEET_URL}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = STYLESHEET_URL;
  document.head.append(link);
}

function readMediaMap(container) {
  const media = new Map();
  try {
    const parsed = JSON.parse(container.dataset.mediaMap || '{}');
    for (const [id, info] of Object.entries(parsed)) media.set(Number(id), info);
  } catch {
    // A broken map only costs the previews of existing photos; the body itself is intact.
  }
  return media;
}

// The plans the page offers for a "target summary" block (data-summary-plans), each with a slug the server
// accepts; none when the page offers none or the list cannot be read.
function summaryPlans(container) {
  try {
    const parsed = JSON.parse(container.dataset.summaryPlans || '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((plan) => plan && typeof plan.title === 'string' && targetSummaryAttrs({ plan: plan.slug }));
  } catch {
    return [];
  }
}

// An empty body starts with one empty paragraph: a doc without blocks would leave only a gap cursor, where
// the toolbar's block commands have nothing to act on.
const EMPTY_DOCUMENT = { type: 'doc', content: [{ type: 'paragraph' }] };

function readDocument(textarea) {
  try {
    const parsed = JSON.parse(textarea.value);
    if (parsed && parsed.type === 'doc' && Array.isArray(parsed.content) && parsed.content.length) return parsed;
  } catch {
    // An empty or unreadable textarea starts an empty body.
  }
  return EMPTY_DOCUMENT;
}

function formatSavedAt(value) {
  let date = null;
  if (typeof value === 'number') date = new Date(value * 1000);
  else if (typeof value === 'string' && value) date = new Date(value);
  if (!date || Number.isNaN(date.getTime())) date = new Date();
  return VIETNAM_TIME.format(date);
}

function mount(container) {
  const textarea = document.getElementById(container.dataset.editorFor);
  if (!textarea || container.dataset.editorMounted) return;
  container.dataset.editorMounted = 'true';
  const form = textarea.form ?? container.closest('form');
  const csrf = () => form?.querySelector('input[name="csrf"]')?.value ?? '';
  const media = readMediaMap(container);
  const readonly = container.dataset.readonly === 'true';
  // The page names the editor on its container (aria-labelledby/-describedby); those belong on the textbox
  // itself, where screen readers look, and are not allowed on a plain div.
  const surfaceAria = { role: 'textbox', 'aria-multiline': 'true' };
  for (const name of ['aria-labelledby', 'aria-describedby']) {
    if (!container.hasAttribute(name)) continue;
    surfaceAria[name] = container.getAttribute(name);
    container.removeAttribute(name);
  }
  if (!surfaceAria['aria-labelledby'])
    surfaceAria['aria-label'] = document.querySelector(`label[for="${textarea.id}"]`)?.textContent?.trim() || 'Nội dung bài viết';
  if (readonly) surfaceAria['aria-readonly'] = 'true';

  const toolbarSlot = document.createElement('div');
  const surface = document.createElement('div');
  surface.className = 'editor-surface';
  const uploads = new UploadList(container);
  const status = document.createElement('p');
  status.className = 'editor-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  container.append(toolbarSlot, surface, status);
  container.insertBefore(uploads.list, surface);

  let dirty = false;
  const writeBack = () => {
    textarea.value = JSON.stringify(toServerDocument(editor.getJSON()));
  };

  const editor = new Editor({
    element: surface,
    injectCSS: false,
    editable: !readonly,
    extensions: [
      Document, Paragraph, Text, HardBreak, Bold, Italic, Underline,
      Heading.configure({ levels: [2, 3, 4] }),
      BulletList, OrderedList, ListItem, ListKeymap, Blockquote, HorizontalRule,
      Link.configure({
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        protocols: [],
        HTMLAttributes: { target: null, rel: null, class: null },
        isAllowedUri: (url) => isAllowedHref(url),
        shouldAutoLink: (url) => isAllowedHref(normaliseHref(url) ?? ''),
      }),
      Table.configure({ resizable: false }), TableRow, Header, Cell,
      createFigure(media),
      TargetSummary,
      UndoRedo, Dropcursor, Gapcursor,
    ],
    content: readDocument(textarea),
    editorProps: {
      attributes: { ...surfaceAria, class: 'editor-content', spellcheck: 'true', lang: 'vi' },
      handleDrop: (view, event, _slice, moved) => {
        // Every dropped file goes to the server, which names what is wrong with each one that is no photo.
        const files = [...(event.dataTransfer?.files ?? [])];
        if (moved || readonly || !files.length) return false;
        event.preventDefault();
        const position = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos;
        uploadAll(files, position);
        return true;
      },
      handlePaste: (_view, event) => {
        const files = [...(event.clipboardData?.files ?? [])].filter((file) => file.type.startsWith('image/'));
        if (readonly || !files.length) return false;
        uploadAll(files);
        return true;
      },
    },
    onUpdate: () => {
      writeBack();
      dirty = true;
      scheduleAutosave();
    },
  });
  writeBack();

  // One file after another, so eight photos dropped at once land in the article in the order they were chosen
  // (each after the one before), and the server decodes one camera photo at a time per editor.
  let queue = Promise.resolve();
  function uploadAll(files, position) {
    const url = container.dataset.uploadUrl;
    if (!url) return;
    let at = position;
    for (const file of files) {
      const row = uploads.add(file);
      queue = queue.then(() =>
        uploadFile({ url, csrf: csrf(), file, onProgress: row.progress })
          .then((answer) => {
            row.succeeded();
            media.set(answer.id, answer);
            editor.chain().focus().insertFigure(answer.id, at).run();
            // The next photo goes right after this one: the selection now sits in its caption.
            at = undefined;
          })
          .catch((error) => row.failed(error.message)));
    }
  }

  // A body the person may only read: no toolbar, no uploads, nothing written back.
  if (readonly) {
    container.classList.add('is-readonly');
    toolbarSlot.remove();
    return editor;
  }

  const picker = filePicker((files) => uploadAll(files));
  container.append(picker);
  let library = null;
  const openLibrary = () => {
    if (!container.dataset.libraryUrl) return;
    library ??= new LibraryPicker({
      url: container.dataset.libraryUrl,
      onChoose: (result) => {
        media.set(result.id, result);
        editor.chain().focus().insertFigure(result.id).run();
      },
    });
    library.open();
  };

  const toolbar = createToolbar(editor, {
    pickFiles: () => picker.click(),
    openLibrary,
    canUpload: Boolean(container.dataset.uploadUrl),
    canBrowse: Boolean(container.dataset.libraryUrl),
    summaryPlans: summaryPlans(container),
  });
  toolbarSlot.replaceWith(toolbar);

  // Autosave: drafts and new articles only (the page says so with data-autosave="on"), ~10 s after a change.
  let timer = null;
  let saving = null;  // the autosave in flight, if any
  function scheduleAutosave() {
    if (form?.dataset.autosave !== 'on' || timer) return;
    timer = setTimeout(autosave, AUTOSAVE_DELAY_MS);
  }
  async function autosave() {
    timer = null;
    if (!dirty || !form || form.dataset.autosave !== 'on') return;
    if (saving) {
      scheduleAutosave();
      return;
    }
    let finished;
    saving = new Promise((resolve) => { finished = resolve; });
    dirty = false;
    writeBack();
    status.textContent = 'Đang lưu…';
    try {
      // getAttribute: the form's submit buttons are named "action", which shadows the form.action property.
      const response = await fetch(new URL(form.getAttribute('action') || location.href, location.href), {
        method: 'POST',
        body: new FormData(form),
        credentials: 'same-origin',
        headers: { 'X-CSRF-Token': csrf(), Accept: 'application/json' },
      });
      let body = null;
      try {
        body = await response.json();
      } catch {
        body = null;
      }
      if (!response.ok) throw new Error(body?.error?.message || `Máy chủ trả lỗi ${response.status}.`);
      if (body?.edit_url && new URL(body.edit_url, location.href).origin === location.origin) {
        if (form.getAttribute('action') !== body.edit_url) {
          form.setAttribute('action', body.edit_url);
          history.replaceState(history.state, '', body.edit_url);
        }
      }
      status.textContent = `Đã lưu lúc ${formatSavedAt(body?.saved_at)}`;
    } catch (error) {
      dirty = true;
      status.textContent = `Chưa lưu được bản nháp: ${error.message}`;
      scheduleAutosave();
    } finally {
      saving = null;
      finished();
    }
  }

  form?.addEventListener('submit', (event) => {
    if (uploads.pending > 0) {
      event.preventDefault();
      status.textContent = 'Ảnh vẫn đang tải lên; hãy chờ xong rồi lưu.';
      return;
    }
    clearTimeout(timer);
    timer = null;
    // A new article being autosaved gets its address when the save answers: submit after it, to that address,
    // or the article would be created twice.
    if (saving) {
      event.preventDefault();
      const submitter = event.submitter;
      saving.then(() => form.requestSubmit(submitter ?? undefined));
      return;
    }
    dirty = false;
    writeBack();
  });
  return editor;
}

function start() {
  const containers = document.querySelectorAll('[data-editor-for]');
  if (!containers.length) return;
  linkStylesheet();
  containers.forEach(mount);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
