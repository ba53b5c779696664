// The editor's toolbar: one tab stop (role="toolbar", arrow keys move between buttons), every button named in
// Vietnamese, toggles announce their state with aria-pressed, and the link form refuses what the server would.
import { normaliseHref } from './schema.js';
import { summaryForm } from './target_summary.js';

const LINK_REFUSED = 'Liên kết không được phép: chỉ chấp nhận địa chỉ http://, https://, mailto: hoặc đường dẫn bắt đầu bằng “/”.';

// Each entry: label (the accessible name), text (what the button shows), run, and for toggles isActive;
// `can` says when the button applies (table commands only inside a table).
function buttonGroups(editor, actions) {
  const chain = () => editor.chain().focus();
  const heading = (level) => ({
    label: `Tiêu đề H${level}`,
    text: `H${level}`,
    isActive: () => editor.isActive('heading', { level }),
    run: () => chain().toggleHeading({ level }).run(),
  });
  const inTable = () => editor.isActive('table');
  return [
    [
      { label: 'Đoạn văn', text: '¶', isActive: () => editor.isActive('paragraph') && !editor.isActive('listItem'), run: () => chain().setParagraph().run() },
      heading(2),
      heading(3),
      heading(4),
    ],
    [
      { label: 'In đậm (Ctrl+B)', text: 'B', className: 'is-bold', isActive: () => editor.isActive('bold'), run: () => chain().toggleBold().run() },
      { label: 'In nghiêng (Ctrl+I)', text: 'I', className: 'is-italic', isActive: () => editor.isActive('italic'), run: () => chain().toggleItalic().run() },
      { label: 'Gạch chân (Ctrl+U)', text: 'U', className: 'is-underline', isActive: () => editor.isActive('underline'), run: () => chain().toggleUnderline().run() },
      { label: 'Liên kết', text: 'Liên kết', isActive: () => editor.isActive('link'), run: () => actions.editLink() },
    ],
    [
      { label: 'Danh sách dấu chấm', text: '• Danh sách', isActive: () => editor.isActive('bulletList'), run: () => chain().toggleBulletList().run() },
      { label: 'Danh sách số (đánh số thứ tự)', text: 'Danh sách số', isActive: () => editor.isActive('orderedList'), run: () => chain().toggleOrderedList().run() },
      { label: 'Trích dẫn', text: '“ ”', isActive: () => editor.isActive('blockquote'), run: () => chain().toggleBlockquote().run() },
      { label: 'Đường kẻ ngang', text: '―', run: () => chain().setHorizontalRule().run() },
    ],
    [
      { label: 'Chèn bảng 3 × 3 có hàng tiêu đề', text: 'Bảng', can: () => !inTable(), run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
      { label: 'Thêm hàng bên dưới', text: '+ Hàng', can: inTable, run: () => chain().addRowAfter().run() },
      { label: 'Thêm cột bên phải', text: '+ Cột', can: inTable, run: () => chain().addColumnAfter().run() },
      { label: 'Xoá hàng', text: '− Hàng', can: inTable, run: () => chain().deleteRow().run() },
      { label: 'Xoá cột', text: '− Cột', can: inTable, run: () => chain().deleteColumn().run() },
      { label: 'Xoá bảng', text: '× Bảng', can: inTable, run: () => chain().deleteTable().run() },
    ],
    [
      ...(actions.canUpload ? [{ label: 'Tải ảnh lên (hoặc kéo thả ảnh vào nội dung)', text: 'Tải ảnh lên', run: () => actions.pickFiles() }] : []),
      ...(actions.canBrowse ? [{ label: 'Thư viện ảnh: chọn ảnh đã tải lên', text: 'Thư viện ảnh', run: () => actions.openLibrary() }] : []),
      ...(actions.summaryPlans?.length ? [{ label: 'Chèn tóm tắt chỉ tiêu (số liệu trực tiếp của một kế hoạch)', text: 'Tóm tắt chỉ tiêu', run: () => actions.insertSummary() }] : []),
      { label: 'Hoàn tác (Ctrl+Z)', text: '↶', can: () => editor.can().undo(), run: () => chain().undo().run() },
      { label: 'Làm lại (Ctrl+Shift+Z)', text: '↷', can: () => editor.can().redo(), run: () => chain().redo().run() },
    ],
  ];
}

function linkForm(editor, onClose) {
  const form = document.createElement('div');
  form.className = 'editor-linkbar';
  form.hidden = true;
  const id = `editor-link-${Math.random().toString(36).slice(2, 8)}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = 'Địa chỉ liên kết';
  const input = document.createElement('input');
  input.type = 'text';
  input.id = id;
  input.inputMode = 'url';
  input.autocomplete = 'off';
  input.placeholder = 'https://…';
  const apply = document.createElement('button');
  apply.type = 'button';
  apply.textContent = 'Áp dụng';
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = 'Bỏ liên kết';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = 'Huỷ';
  const message = document.createElement('p');
  message.className = 'editor-linkbar-error';
  message.setAttribute('role', 'alert');
  form.append(label, input, apply, remove, cancel, message);

  // Back to the text at once: Tiptap's focus command waits for the next frame, and keys typed before it would
  // go nowhere once the link form is hidden.
  const close = () => {
    editor.view.focus();
    form.hidden = true;
    message.textContent = '';
    input.removeAttribute('aria-invalid');
    onClose();
  };
  const submit = () => {
    const value = input.value.trim();
    if (!value) {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
      close();
      return;
    }
    const href = normaliseHref(value);
    if (!href) {
      message.textContent = LINK_REFUSED;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !editor.isActive('link')) chain.insertContent({ type: 'text', text: value, marks: [{ type: 'link', attrs: { href } }] });
    else chain.setLink({ href });
    chain.run();
    close();
  };
  apply.addEventListener('click', submit);
  remove.addEventListener('click', () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    close();
  });
  cancel.addEventListener('click', () => {
    editor.commands.focus();
    close();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      // The surrounding article form must not submit from here.
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      editor.commands.focus();
      close();
    }
  });
  return {
    element: form,
    open: () => {
      input.value = editor.getAttributes('link').href ?? '';
      remove.hidden = !editor.isActive('link');
      form.hidden = false;
      input.focus();
      input.select();
    },
  };
}

export function createToolbar(editor, actions) {
  const wrapper = document.createElement('div');
  wrapper.className = 'editor-chrome';
  const bar = document.createElement('div');
  bar.className = 'editor-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Định dạng nội dung');
  const link = linkForm(editor, () => refresh());
  const summary = summaryForm(editor, actions.summaryPlans ?? [], () => refresh());
  const buttons = [];

  for (const group of buttonGroups(editor, { ...actions, editLink: () => link.open(), insertSummary: () => summary.open() })) {
    const groupElement = document.createElement('div');
    groupElement.className = 'editor-toolbar-group';
    groupElement.setAttribute('role', 'group');
    for (const spec of group) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = spec.text;
      button.title = spec.label;
      button.setAttribute('aria-label', spec.label);
      if (spec.className) button.classList.add(spec.className);
      if (spec.isActive) button.setAttribute('aria-pressed', 'false');
      button.tabIndex = buttons.length === 0 ? 0 : -1;
      // mousedown would move the focus, and with it the selection the command applies to.
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', () => {
        if (!button.disabled) spec.run();
      });
      buttons.push({ button, spec });
      groupElement.append(button);
    }
    bar.append(groupElement);
  }

  // One tab stop for the whole bar; arrows, Home and End move inside it (WAI-ARIA toolbar pattern).
  bar.addEventListener('keydown', (event) => {
    const enabled = buttons.map((entry) => entry.button).filter((button) => !button.disabled);
    const index = enabled.indexOf(document.activeElement);
    if (index < 0) return;
    let target = null;
    if (event.key === 'ArrowRight') target = enabled[(index + 1) % enabled.length];
    else if (event.key === 'ArrowLeft') target = enabled[(index - 1 + enabled.length) % enabled.length];
    else if (event.key === 'Home') target = enabled[0];
    else if (event.key === 'End') target = enabled[enabled.length - 1];
    if (!target) return;
    event.preventDefault();
    for (const { button } of buttons) button.tabIndex = button === target ? 0 : -1;
    target.focus();
  });
  bar.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLButtonElement)
      for (const { button } of buttons) button.tabIndex = button === event.target ? 0 : -1;
  });

  function refresh() {
    for (const { button, spec } of buttons) {
      if (spec.isActive) button.setAttribute('aria-pressed', String(Boolean(spec.isActive())));
      if (spec.can) button.disabled = !spec.can();
    }
    // Keep one reachable tab stop when the focused one became disabled.
    if (!buttons.some(({ button }) => button.tabIndex === 0 && !button.disabled)) {
      const first = buttons.find(({ button }) => !button.disabled);
      if (first) first.button.tabIndex = 0;
    }
  }
  editor.on('transaction', refresh);
  editor.on('focus', refresh);
  refresh();

  wrapper.append(bar, link.element, summary.element);
  return wrapper;
}
