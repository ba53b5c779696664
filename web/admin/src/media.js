// Photos for the editor: uploads with a progress bar per file (XHR, since fetch reports no upload progress),
// and the library picker that reuses a photo already uploaded.

const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp,image/gif,image/tiff,image/avif,image/heic';
const LIBRARY_PAGE_SIZE_HINT = 24;

function element(tag, attributes = {}, text = '') {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  if (text) node.textContent = text;
  return node;
}

function errorMessage(status, body) {
  const message = body?.error?.message;
  if (typeof message === 'string' && message) return message;
  if (status === 413) return 'Tệp quá lớn.';
  if (status === 401 || status === 403) return 'Phiên làm việc đã hết hạn hoặc không có quyền. Hãy tải lại trang.';
  if (status === 0) return 'Không kết nối được máy chủ.';
  return `Máy chủ trả lỗi ${status}.`;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// Sends one file; calls onProgress(fraction) while it goes; resolves with the server's answer
// ({id, url, width, height, caption, alt, srcset}) or rejects with an Error carrying the Vietnamese message.
export function uploadFile({ url, csrf, file, onProgress }) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('X-CSRF-Token', csrf);
    request.setRequestHeader('Accept', 'application/json');
    request.responseType = 'text';
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      const body = parseJson(request.responseText);
      if (request.status >= 200 && request.status < 300 && body && Number.isInteger(body.id)) resolve(body);
      else reject(new Error(errorMessage(request.status, body)));
    });
    request.addEventListener('error', () => reject(new Error(errorMessage(0, null))));
    request.addEventListener('abort', () => reject(new Error('Đã huỷ tải lên.')));
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

// The list of uploads in progress under the toolbar: one row per file with its name, a <progress> and,
// at the end, "Đã tải lên" or the server's message.
export class UploadList {
  constructor(container) {
    this.list = element('ul', { class: 'editor-uploads', 'aria-label': 'Ảnh đang tải lên' });
    this.list.hidden = true;
    container.append(this.list);
    this.pending = 0;
  }

  add(file) {
    this.list.hidden = false;
    this.pending += 1;
    const row = element('li', { class: 'editor-upload' });
    const name = element('span', { class: 'editor-upload-name' }, file.name);
    const bar = element('progress', { max: '100', value: '0', 'aria-label': `Tiến độ tải lên ${file.name}` });
    const status = element('span', { class: 'editor-upload-status', role: 'status' }, 'Đang tải lên…');
    row.append(name, bar, status);
    this.list.append(row);
    const done = () => {
      this.pending -= 1;
    };
    return {
      progress: (fraction) => {
        bar.value = Math.round(fraction * 100);
      },
      succeeded: () => {
        done();
        bar.value = 100;
        status.textContent = 'Đã tải lên.';
        row.classList.add('is-done');
        // Finished rows leave after a while so the list only shows what still needs attention.
        setTimeout(() => {
          row.remove();
          if (!this.list.children.length) this.list.hidden = true;
        }, 4000);
      },
      failed: (message) => {
        done();
        row.classList.add('is-error');
        status.setAttribute('role', 'alert');
        status.textContent = message;
        const close = element('button', { type: 'button', class: 'editor-upload-dismiss', 'aria-label': `Đóng thông báo lỗi của ${file.name}` }, '×');
        close.addEventListener('click', () => {
          row.remove();
          if (!this.list.children.length) this.list.hidden = true;
        });
        row.append(close);
      },
    };
  }
}

export function filePicker(onFiles) {
  const input = element('input', { type: 'file', accept: ACCEPTED_TYPES, multiple: true, class: 'editor-file-input', tabindex: '-1', 'aria-hidden': 'true' });
  input.hidden = true;
  input.addEventListener('change', () => {
    const files = [...input.files];
    input.value = '';
    if (files.length) onFiles(files);
  });
  return input;
}

// The library: a modal <dialog> (focus stays inside, Escape closes) with a search box and a grid of photos;
// choosing one calls onChoose(result).
export class LibraryPicker {
  constructor({ url, onChoose }) {
    this.url = url;
    this.onChoose = onChoose;
    this.page = 1;
    this.dialog = element('dialog', { class: 'editor-library', 'aria-labelledby': 'editor-library-title' });
    const heading = element('h2', { id: 'editor-library-title' }, 'Chọn ảnh từ thư viện');
    const form = element('form', { class: 'editor-library-search', role: 'search' });
    const label = element('label', { for: 'editor-library-q' }, 'Tìm theo chú thích hoặc tên tệp');
    this.query = element('input', { type: 'search', id: 'editor-library-q', name: 'q', autocomplete: 'off' });
    const submit = element('button', { type: 'submit' }, 'Tìm');
    form.append(label, this.query, submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.load(1);
    });
    this.status = element('p', { class: 'editor-library-status', role: 'status', 'aria-live': 'polite' });
    this.grid = element('ul', { class: 'editor-library-grid' });
    const pager = element('div', { class: 'editor-library-pager' });
    this.previous = element('button', { type: 'button' }, 'Trang trước');
    this.next = element('button', { type: 'button' }, 'Trang sau');
    this.previous.addEventListener('click', () => this.load(this.page - 1));
    this.next.addEventListener('click', () => this.load(this.page + 1));
    const close = element('button', { type: 'button', class: 'editor-library-close' }, 'Đóng');
    close.addEventListener('click', () => this.dialog.close());
    pager.append(this.previous, this.next, close);
    this.dialog.append(heading, form, this.status, this.grid, pager);
    document.body.append(this.dialog);
  }

  open() {
    this.dialog.showModal();
    this.query.focus();
    this.load(1);
  }

  async load(page) {
    this.page = Math.max(1, page);
    this.status.textContent = 'Đang tải…';
    const address = new URL(this.url, location.href);
    address.searchParams.set('q', this.query.value.trim());
    address.searchParams.set('page', String(this.page));
    let body = null;
    try {
      const response = await fetch(address, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      body = parseJson(await response.text());
      if (!response.ok) throw new Error(errorMessage(response.status, body));
    } catch (error) {
      this.status.textContent = error.message;
      return;
    }
    const results = Array.isArray(body?.results) ? body.results : [];
    const total = Number.isInteger(body?.total) ? body.total : results.length;
    this.grid.replaceChildren(...results.map((result) => this.item(result)));
    this.status.textContent = total === 0 ? 'Không có ảnh nào phù hợp.' : `${total} ảnh.`;
    this.previous.disabled = this.page <= 1;
    const pageSize = Math.max(results.length, LIBRARY_PAGE_SIZE_HINT);
    this.next.disabled = results.length === 0 || this.page * pageSize >= total;
  }

  item(result) {
    const item = element('li');
    const name = result.caption || result.original_name || `Ảnh số ${result.id}`;
    const button = element('button', { type: 'button', class: 'editor-library-item', 'aria-label': `Chèn ảnh: ${name}` });
    const image = element('img', { src: result.url, alt: '', loading: 'lazy', width: result.width, height: result.height });
    const caption = element('span', {}, name);
    button.append(image, caption);
    button.addEventListener('click', () => {
      this.dialog.close();
      this.onChoose(result);
    });
    item.append(button);
    return item;
  }
}
