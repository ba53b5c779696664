// The back office end to end, in Debian's Chromium: an editor writes an article in the Tiptap editor with two
// photos and a caption under each and submits it; an approver previews and publishes it; the public page shows
// it. Also: a form without its CSRF token → 403; an editor publishing → 403; an article scheduled a few seconds
// ahead reaches the home page at its time; the GPS position of an uploaded JPEG is in none of the served files;
// repeated wrong passwords lock the account; axe-core finds no serious or critical violation on the login page,
// the article list and the edit page.
//
// Starts and stops its own `cong serve` on a fresh data directory (cong init --demo).
// Usage: node back_office.mjs PATH_TO_CONG ARTIFACT_DIR
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = require('axe-core').source;

const [cong, artifactsRoot] = process.argv.slice(2);
if (!cong || !artifactsRoot) {
  console.error('usage: node back_office.mjs PATH_TO_CONG ARTIFACT_DIR');
  process.exit(2);
}
const artifacts = join(artifactsRoot, 'back-office');
mkdirSync(artifacts, { recursive: true });

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CATEGORY = 'chien-luoc-dinh-huong-quy-hoach';
const SCHEDULE_AHEAD_MS = 8000;
const SCHEDULE_WAIT_MS = 45000;
// What the test's photo says about where it was taken: 19°53'12.34" N, 105°20'45.67" E (Thọ Xuân).
const GPS_LATITUDE = [[19, 1], [53, 1], [1234, 100]];
const GPS_LONGITUDE = [[105, 1], [20, 1], [4567, 100]];

const failures = [];
const skipped = [];
function fail(message) {
  failures.push(message);
  console.error(`FAIL ${message}`);
}
function check(condition, message) {
  if (!condition) fail(message);
  return Boolean(condition);
}

// ---- The server -----------------------------------------------------------------------------------------------

function run(args, input) {
  const result = spawnSync(cong, args, { input, encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`cong ${args.join(' ')} failed (${result.status}): ${output}`);
  return output;
}

async function startServer() {
  const data = mkdtempSync(join(tmpdir(), 'cong-back-office.'));
  const init = run(['init', '--demo', '--data', data]);
  writeFileSync(join(artifacts, 'init.log'), init);
  const accounts = {};
  for (const [, login, password] of init.matchAll(/login (\S+), password (\S+)/g)) accounts[login] = password;
  // The demo creates an approver "duyet" and an editor "bientap"; a build that does not yet gets them here,
  // through the public `cong user add`.
  for (const [login, role] of [['duyet', 'approver'], ['bientap', 'editor']]) {
    if (accounts[login]) continue;
    const password = randomBytes(12).toString('base64url');
    run(['user', 'add', '--login', login, '--role', role, '--password-stdin', '--data', data], `${password}\n`);
    accounts[login] = password;
  }
  if (!accounts.admin) throw new Error(`cong init --demo printed no admin password: ${init}`);

  // One address does every sign-in here, faster than people do: the per-address login rate is lifted (the
  // account lockout it tests is a different defence).
  const env = { ...process.env, CONG_LIMITS_LOGIN_PER_MINUTE: "600" };
  const server = spawn(cong, ["serve", "--data", data, "--listen", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "pipe"], env });
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cong serve did not report its port: ${log}`)), 15000);
    const read = (chunk) => {
      log += chunk;
      const match = /listening.*127\.0\.0\.1:(\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => reject(new Error(`cong serve exited (${code}): ${log}`)));
  });
  server.stdout.on('data', (chunk) => { log += chunk; });
  server.stderr.on('data', (chunk) => { log += chunk; });
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    writeFileSync(join(artifacts, 'server.log'), log);
    rmSync(data, { recursive: true, force: true });
  };
  return { base: `http://127.0.0.1:${port}`, accounts, stop };
}

// ---- Photos with a GPS position -------------------------------------------------------------------------------

function u16(value) {
  return [value & 0xff, (value >> 8) & 0xff];
}
function u32(value) {
  return [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff];
}

// An APP1 Exif segment (little-endian TIFF) whose IFD0 points to a GPS IFD with latitude and longitude.
function gpsExifSegment() {
  const entry = (tag, type, count, value) => [...u16(tag), ...u16(type), ...u32(count), ...value];
  const ifd0At = 8;
  const gpsAt = ifd0At + 2 + 12 + 4;
  const latitudeAt = gpsAt + 2 + 5 * 12 + 4;
  const longitudeAt = latitudeAt + 24;
  const rationals = (values) => values.flatMap(([n, d]) => [...u32(n), ...u32(d)]);
  const tiff = [
    0x49, 0x49, 0x2a, 0x00, ...u32(ifd0At),
    ...u16(1), ...entry(0x8825, 4, 1, u32(gpsAt)), ...u32(0),
    ...u16(5),
    ...entry(0x0000, 1, 4, [2, 2, 0, 0]),
    ...entry(0x0001, 2, 2, [0x4e, 0, 0, 0]),
    ...entry(0x0002, 5, 3, u32(latitudeAt)),
    ...entry(0x0003, 2, 2, [0x45, 0, 0, 0]),
    ...entry(0x0004, 5, 3, u32(longitudeAt)),
    ...u32(0),
    ...rationals(GPS_LATITUDE),
    ...rationals(GPS_LONGITUDE),
  ];
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];  // "Exif\0\0"
  const length = payload.length + 2;
  return Buffer.from([0xff, 0xe1, (length >> 8) & 0xff, length & 0xff, ...payload]);
}

// The JPEG with the Exif segment after its JFIF header (or right after SOI when there is none).
function withGps(jpeg) {
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + jpeg.readUInt16BE(4);
  return Buffer.concat([jpeg.subarray(0, at), gpsExifSegment(), jpeg.subarray(at)]);
}

// True when a TIFF block (an Exif payload) has the GPS IFD pointer in its IFD0.
function tiffHasGps(tiff) {
  if (tiff.length < 8) return false;
  const little = tiff[0] === 0x49;
  const read16 = (at) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const read32 = (at) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = read32(4);
  if (ifd + 2 > tiff.length) return false;
  const count = read16(ifd);
  for (let i = 0; i < count && ifd + 2 + 12 * (i + 1) <= tiff.length; i += 1)
    if (read16(ifd + 2 + 12 * i) === 0x8825) return true;
  return false;
}

function exifBlocks(bytes) {
  const blocks = [];
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    for (let at = 2; at + 4 <= bytes.length && bytes[at] === 0xff;) {
      const marker = bytes[at + 1];
      if (marker === 0xda || marker === 0xd9) break;
      const length = bytes.readUInt16BE(at + 2);
      const body = bytes.subarray(at + 4, at + 2 + length);
      if (marker === 0xe1 && body.subarray(0, 6).toString('latin1') === 'Exif\0\0') blocks.push(body.subarray(6));
      at += 2 + length;
    }
  } else if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') {
    for (let at = 12; at + 8 <= bytes.length;) {
      const id = bytes.subarray(at, at + 4).toString('latin1');
      const size = bytes.readUInt32LE(at + 4);
      let body = bytes.subarray(at + 8, at + 8 + size);
      if (id === 'EXIF') {
        if (body.subarray(0, 6).toString('latin1') === 'Exif\0\0') body = body.subarray(6);
        blocks.push(body);
      }
      at += 8 + size + (size % 2);
    }
  }
  return blocks;
}

// The GPS IFD found by structure, or the test photo's own latitude found as bytes anywhere in the file.
function hasGps(bytes) {
  const latitude = Buffer.from(GPS_LATITUDE.flatMap(([n, d]) => [...u32(n), ...u32(d)]));
  return exifBlocks(bytes).some(tiffHasGps) || bytes.includes(latitude);
}

// A photo-like JPEG drawn by the browser itself: gradients and shapes, so the encoder has real work.
async function drawJpeg(page, seed, label) {
  const dataUrl = await page.evaluate(([seed, label]) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1200;
    canvas.height = 800;
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, 800);
    sky.addColorStop(0, `hsl(${seed * 40}, 70%, 70%)`);
    sky.addColorStop(1, `hsl(${seed * 40 + 90}, 60%, 35%)`);
    g.fillStyle = sky;
    g.fillRect(0, 0, 1200, 800);
    g.fillStyle = '#f5d76e';
    g.beginPath();
    g.arc(200 + seed * 300, 200, 90, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#fff';
    g.font = '64px sans-serif';
    g.fillText(label, 60, 740);
    return canvas.toDataURL('image/jpeg', 0.9);
  }, [seed, label]);
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

// ---- Browser helpers ------------------------------------------------------------------------------------------

async function runAxe(page, label) {
  // Through the DevTools protocol: a <script> with this text would be refused by the Content-Security-Policy.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS);
  let serious = 0;
  for (const violation of result.violations) {
    const targets = violation.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
    const line = `${label}: axe ${violation.id} (${violation.impact}) ${violation.help} — ${targets}`;
    if (violation.impact === 'serious' || violation.impact === 'critical') {
      serious += 1;
      fail(line);
    } else {
      console.log(`note ${line}`);
    }
  }
  console.log(`axe ${label}: ${result.violations.length} violations, ${serious} serious or critical`);
}

async function newSession(browser, base, name) {
  const context = await browser.newContext({ baseURL: base, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  page.on('pageerror', (error) => fail(`${name}: script error on ${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text()))
      fail(`${name}: ${message.text()}`);
  });
  return { context, page };
}

async function logIn(page, login, password) {
  await page.goto('/quan-tri/dang-nhap');
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForNavigation(), page.locator('form button[type="submit"]').first().click()]);
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

// POSTs the page's article form as it stands, with the given action and without or with its CSRF token, from
// inside the page (the session cookie goes along); returns the status.
async function postArticleForm(page, action, { withCsrf = true } = {}) {
  return page.evaluate(async ([action, withCsrf]) => {
    const form = document.getElementById('article-form');
    const data = new FormData(form);
    data.set('action', action);
    if (!withCsrf) data.delete('csrf');
    // The submit buttons are named "action": form.action would be them, not the address.
    const address = new URL(form.getAttribute('action'), location.href);
    const response = await fetch(address, { method: 'POST', body: new URLSearchParams(data), redirect: 'manual' });
    return { status: response.status, action: String(address), text: (await response.text()).slice(0, 4000) };
  }, [action, withCsrf]);
}

async function mediaLibraryAvailable(page) {
  const response = await page.request.get('/quan-tri/thu-vien-anh.json?q=&page=1', { headers: { Accept: 'application/json' } });
  return response.status() === 200;
}

// ---- The scenario ---------------------------------------------------------------------------------------------

// The library ids of the photos uploaded through the editor.
const mediaIds = [];

async function writeArticle(page, { title, paragraphs, photos }) {
  await page.goto('/quan-tri/bai-viet/moi');
  await page.waitForSelector('.editor .ProseMirror');
  await page.fill('#title', title);
  await page.fill('#lead', `Sa pô của bài “${title}”.`);
  await page.selectOption('#category', CATEGORY);
  const body = page.locator('.editor .ProseMirror');
  await body.click();
  await page.getByRole('button', { name: 'Tiêu đề H2' }).click();
  await page.keyboard.type('Kết quả quý I');
  await page.keyboard.press('Enter');
  for (const paragraph of paragraphs) {
    await page.keyboard.type(paragraph);
    await page.keyboard.press('Enter');
  }
  await page.getByRole('button', { name: 'In đậm (Ctrl+B)' }).click();
  await page.keyboard.type('03/38 chỉ tiêu hoàn thành');
  await page.getByRole('button', { name: 'In đậm (Ctrl+B)' }).click();
  if (!photos.length) return;

  // A live "target summary" block: the toolbar's form lists the site's plans and their periods.
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /^Chèn tóm tắt chỉ tiêu/ }).click();
  const plan = page.getByLabel('Kế hoạch', { exact: true });
  const planCount = await plan.locator('option').count();
  check(planCount >= 1, `the summary form offers ${planCount} plans`);
  await page.getByLabel('Kỳ số liệu').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Chèn', exact: true }).click();
  const summaries = JSON.parse(await page.locator('#article-body').inputValue()).content.filter((n) => n.type === 'targetSummary');
  check(summaries.length === 1 && /^[a-z0-9-]+$/.test(summaries[0].attrs.plan ?? '') && /^\d{4}-q1$/.test(summaries[0].attrs.period ?? ''),
    `the summary block in the JSON is ${JSON.stringify(summaries)}`);
  await page.locator('.editor .ProseMirror p').last().click();
  await page.keyboard.press('End');

  // A link: javascript: is refused with a message, a web address is taken.
  await page.keyboard.press('Enter');
  await page.keyboard.type('Xem thêm ');
  await page.getByRole('button', { name: 'Liên kết', exact: true }).click();
  await page.getByLabel('Địa chỉ liên kết').fill('javascript:alert(1)');
  await page.keyboard.press('Enter');
  const refusal = await page.locator('.editor-linkbar-error').textContent();
  check(/không được phép/.test(refusal ?? ''), `a javascript: link was not refused (message: “${refusal}”)`);
  await page.getByLabel('Địa chỉ liên kết').fill('https://thoxuan.thanhhoa.gov.vn/tin-tuc');
  await page.keyboard.press('Enter');
  // A table with a header row.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Chèn bảng 3 × 3 có hàng tiêu đề' }).click();
  for (const cell of ['Chỉ tiêu', 'Kế hoạch', 'Thực hiện']) {
    await page.keyboard.type(cell);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('Thu ngân sách');

  // Both photos through the picker; the progress rows say when each is done.
  await page.locator('.editor-file-input').setInputFiles(photos.map((p) => ({ name: p.name, mimeType: 'image/jpeg', buffer: p.bytes })));
  await page.waitForFunction((n) => document.querySelectorAll('.editor .ProseMirror figure').length >= n, photos.length, { timeout: 60000 });
  const errors = await page.locator('.editor-upload.is-error').allTextContents();
  check(errors.length === 0, `upload errors: ${errors.join(' | ')}`);
  const figures = page.locator('.editor .ProseMirror figure');
  for (let i = 0; i < photos.length; i += 1) {
    const caption = figures.nth(i).locator('figcaption');
    await caption.click();
    await page.keyboard.press('End');
    await page.keyboard.type(photos[i].caption);
  }
  const doc = JSON.parse(await page.locator('#article-body').inputValue());
  const figureNodes = doc.content.filter((node) => node.type === 'figure');
  mediaIds.push(...figureNodes.map((node) => node.attrs.media));
  check(figureNodes.length === photos.length, `the body has ${figureNodes.length} figures, expected ${photos.length}`);
  for (let i = 0; i < figureNodes.length; i += 1) {
    const text = (figureNodes[i].content ?? []).map((n) => n.text).join('');
    check(text === photos[i].caption, `figure ${i + 1} caption in the JSON is “${text}”`);
  }
}

async function clickAction(page, label) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: label, exact: true }).click()]);
}

function articleIdFrom(url) {
  const match = /\/quan-tri\/bai-viet\/(\d+)/.exec(url);
  return match ? Number(match[1]) : null;
}

async function publicPathOf(page, id) {
  await page.goto(`/quan-tri/bai-viet/${id}`);
  const slug = await page.locator('#slug').inputValue();
  return `/bai-viet/${slug}`;
}

function vietnamLocal(date) {
  const local = new Date(date.getTime() + 7 * 3600 * 1000);
  return local.toISOString().slice(0, 19);
}

async function main() {
  const server = await startServer();
  const { base, accounts } = server;
  console.log(`back office: ${cong} at ${base}`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const editor = await newSession(browser, base, 'editor');
    const approver = await newSession(browser, base, 'approver');

    // The login page, before and after signing in.
    await editor.page.goto('/quan-tri/dang-nhap');
    await runAxe(editor.page, 'login page');
    await shot(editor.page, 'login');
    await logIn(editor.page, 'bientap', accounts.bientap);
    check(!editor.page.url().includes('dang-nhap'), `the editor is still on ${editor.page.url()} after signing in`);

    await editor.page.goto('/quan-tri/bai-viet');
    await runAxe(editor.page, 'article list');

    // A state-changing request without the CSRF token is refused.
    await editor.page.goto('/quan-tri/bai-viet/moi');
    await editor.page.waitForSelector('.editor .ProseMirror');
    await runAxe(editor.page, 'edit page');
    await shot(editor.page, 'edit-page-empty');
    const csrfStatus = (await postArticleForm(editor.page, 'save', { withCsrf: false })).status;
    check(csrfStatus === 403, `a form POST without the CSRF token was answered ${csrfStatus}, not 403`);

    // The editor writes the article with two photos, one carrying a GPS position, and a caption under each.
    const media = await mediaLibraryAvailable(editor.page);
    const photos = [];
    if (media) {
      photos.push({ name: '22 (3).jpg', caption: 'Quang cảnh hội nghị sơ kết quý I', bytes: withGps(await drawJpeg(editor.page, 1, 'Hội nghị')) });
      photos.push({ name: 'ảnh đồng lúa.jpg', caption: 'Cánh đồng lúa xã Xuân Hòa', bytes: await drawJpeg(editor.page, 2, 'Đồng lúa') });
      check(hasGps(photos[0].bytes) && !hasGps(photos[1].bytes), 'the test photo does not carry the GPS tag it should');
    } else {
      skipped.push('photos, captions and the GPS check: /quan-tri/thu-vien-anh.json is not in this build (media slice)');
    }
    const title = 'Sơ kết quý I: 03/38 chỉ tiêu hoàn thành';
    await writeArticle(editor.page, {
      title,
      paragraphs: ['Sáng 03/4, huyện tổ chức hội nghị sơ kết.', 'Các xã báo cáo tiến độ thực hiện kế hoạch.'],
      photos,
    });
    await shot(editor.page, 'edit-page-written');
    await clickAction(editor.page, 'Gửi duyệt');
    const id = articleIdFrom(editor.page.url());
    if (!check(id, `after “Gửi duyệt” the editor is on ${editor.page.url()}, not an article's edit page`)) return;

    // The editor may not publish: not their article once submitted, and not their role on a draft of their own.
    await writeArticle(editor.page, { title: 'Bài hẹn giờ: lịch tiếp dân tháng 12', paragraphs: ['Lịch tiếp công dân.'], photos: [] });
    // A photo already in the library, reused through the picker (search, choose), with its own caption here.
    const reusedCaption = 'Ảnh dùng lại từ thư viện';
    if (media) {
      await editor.page.getByRole('button', { name: 'Thư viện ảnh: chọn ảnh đã tải lên' }).click();
      const dialog = editor.page.getByRole('dialog', { name: 'Chọn ảnh từ thư viện' });
      await dialog.getByLabel('Tìm theo chú thích hoặc tên tệp').fill('đồng lúa');
      await dialog.getByRole('button', { name: 'Tìm', exact: true }).click();
      const choice = dialog.getByRole('button', { name: /^Chèn ảnh:/ }).first();
      await choice.waitFor({ timeout: 15000 });
      await runAxe(editor.page, 'library picker');
      await choice.click();
      await editor.page.locator('.editor .ProseMirror figure figcaption').first().click();
      await editor.page.keyboard.type(reusedCaption);
      const reused = JSON.parse(await editor.page.locator('#article-body').inputValue()).content.filter((n) => n.type === 'figure');
      check(reused.length === 1 && mediaIds.includes(reused[0].attrs.media),
        `the library picker inserted ${JSON.stringify(reused)}, not one of the uploaded photos ${mediaIds}`);
    }
    // Autosave: a new draft is saved by itself ~10 s after a change, and the page takes the article's address.
    try {
      await editor.page.waitForFunction(() => /Đã lưu lúc \d\d:\d\d/.test(document.querySelector('.editor-status')?.textContent ?? ''),
        null, { timeout: 25000 });
      check(articleIdFrom(editor.page.url()), `after the autosave the address is still ${editor.page.url()}`);
    } catch {
      fail(`no autosave: the status says “${await editor.page.locator('.editor-status').textContent()}”`);
    }
    await clickAction(editor.page, 'Lưu nháp');
    const scheduledId = articleIdFrom(editor.page.url());
    check(scheduledId, `after “Lưu nháp” the editor is on ${editor.page.url()}`);
    const publishAnswer = await postArticleForm(editor.page, 'publish');
    const publishStatus = publishAnswer.status;
    if (publishStatus !== 403) console.log(publishAnswer.action, publishAnswer.text);
    check(publishStatus === 403, `an editor publishing was answered ${publishStatus}, not 403`);
    await clickAction(editor.page, 'Gửi duyệt');

    // The approver previews (the captions are there) and publishes.
    await logIn(approver.page, 'duyet', accounts.duyet);
    await approver.page.goto(`/quan-tri/bai-viet/${id}/xem-truoc`);
    const preview = await approver.page.content();
    check(preview.includes(title), 'the preview does not show the title');
    for (const photo of photos) check(preview.includes(photo.caption), `the preview does not show the caption “${photo.caption}”`);
    await shot(approver.page, 'preview');
    await approver.page.goto(`/quan-tri/bai-viet/${id}`);
    await approver.page.waitForSelector('.editor .ProseMirror');
    await clickAction(approver.page, 'Đăng ngay');

    // The public page shows the article with both captions.
    const path = await publicPathOf(approver.page, id);
    const reader = await newSession(browser, base, 'reader');
    const response = await reader.page.goto(path);
    check(response.status() === 200, `${path} answers ${response.status()}`);
    const publicHtml = await reader.page.content();
    check(publicHtml.includes(title), `${path} does not show the title`);
    for (const photo of photos) check(publicHtml.includes(photo.caption), `${path} does not show the caption “${photo.caption}”`);
    check(publicHtml.includes('<h2>Kết quả quý I</h2>'), `${path} does not show the H2 heading written in the editor`);
    check(publicHtml.includes('<strong>03/38 chỉ tiêu hoàn thành</strong>'), `${path} does not show the bold text`);
    if (photos.length) {
      check(publicHtml.includes('class="target-summary-block"') && publicHtml.includes('Quý I năm'),
        `${path} does not show the target summary block inserted from the toolbar`);
      check(publicHtml.includes('<th scope="col"><p>Chỉ tiêu</p></th>'), `${path} does not show the table's header row`);
      check(publicHtml.includes('href="https://thoxuan.thanhhoa.gov.vn/tin-tuc"'), `${path} does not show the link`);
      check(!publicHtml.includes('javascript:alert'), `${path} carries the refused javascript: link`);
    }
    await shot(reader.page, 'public-article');

    // No served variant of the photos carries the GPS position.
    if (media) {
      const urls = new Set();
      for (const [, attribute] of publicHtml.matchAll(/\s(?:src|srcset)="([^"]+)"/g))
        for (const candidate of attribute.split(','))
          if (candidate.trim().startsWith('/media/')) urls.add(candidate.trim().split(/\s+/)[0]);
      check(urls.size >= 2, `the public page links ${urls.size} photo files`);
      for (const url of urls) {
        const file = await reader.context.request.get(url);
        const bytes = Buffer.from(await file.body());
        check(file.status() === 200, `${url} answers ${file.status()}`);
        check(!hasGps(bytes), `${url} still carries the GPS position`);
      }
      console.log(`gps: ${urls.size} served photo files checked`);
    }

    // An article scheduled a few seconds ahead reaches the home page at its time, without a restart.
    await approver.page.goto(`/quan-tri/bai-viet/${scheduledId}`);
    await approver.page.waitForSelector('.editor .ProseMirror');
    const due = new Date(Date.now() + SCHEDULE_AHEAD_MS);
    await approver.page.locator('#published_at').evaluate((input, value) => { input.value = value; }, vietnamLocal(due));
    await clickAction(approver.page, 'Hẹn giờ đăng');
    const home = async () => (await (await fetch(`${base}/`)).text()).includes('Bài hẹn giờ: lịch tiếp dân tháng 12');
    check(!(await home()), 'the scheduled article is on the home page before its time');
    const deadline = Date.now() + SCHEDULE_AHEAD_MS + SCHEDULE_WAIT_MS;
    let appeared = false;
    while (!appeared && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      appeared = await home();
    }
    check(appeared, 'the scheduled article did not reach the home page');
    if (appeared) console.log(`schedule: on the home page ${((Date.now() - due.getTime()) / 1000).toFixed(1)} s after its time`);
    if (appeared && media) {
      const scheduledPath = await publicPathOf(approver.page, scheduledId);
      const scheduledHtml = await (await fetch(`${base}${scheduledPath}`)).text();
      check(scheduledHtml.includes(reusedCaption), `${scheduledPath} does not show the reused photo's caption`);
    }

    // Site settings (admins): colours through a stylesheet, the logo in the public header, the category menu.
    const admin = await newSession(browser, base, 'admin');
    await logIn(admin.page, 'admin', accounts.admin);
    await admin.page.goto('/quan-tri/cai-dat');
    await runAxe(admin.page, 'settings page');
    await admin.page.fill('#primary_colour', '#1A5C9E');
    await admin.page.fill('#accent_colour', '#ffe08a');
    if (mediaIds.length) await admin.page.fill('#logo_media_id', String(mediaIds[1]));
    await clickAction(admin.page, 'Lưu cài đặt');
    check((await admin.page.content()).includes('Đã lưu cài đặt'), 'saving the settings shows no confirmation');
    const overflow = await admin.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `the settings page scrolls sideways by ${overflow} px`);
    await shot(admin.page, 'settings');
    const homeHtml = await (await fetch(`${base}/`)).text();
    check(homeHtml.includes('<link rel="stylesheet" href="/giao-dien/1a5c9e-ffe08a.css">'), 'the home page does not link the new colours');
    const theme = await fetch(`${base}/giao-dien/1a5c9e-ffe08a.css`);
    check(theme.ok && (await theme.text()).includes('--red:#1a5c9e'), 'the colour stylesheet does not set the primary colour');
    if (mediaIds.length) check(/<img class="site-logo" src="\/media\/[^"]+"/.test(homeHtml), 'the home page shows no logo');
    await reader.page.goto('/');
    await runAxe(reader.page, 'home page in the new colours');
    await shot(reader.page, 'home-new-colours');

    await admin.page.goto('/quan-tri/chuyen-muc');
    await runAxe(admin.page, 'category tree');
    await admin.page.fill('#name', 'Hỏi đáp trực tuyến');
    await clickAction(admin.page, 'Thêm chuyên mục');
    check((await admin.page.content()).includes('Menu của trang công khai đã cập nhật'), 'adding a category shows no confirmation');
    const menu = /<nav class="menu".*?<\/nav>/s.exec(await (await fetch(`${base}/`)).text())?.[0] ?? '';
    check(menu.includes('href="/chuyen-muc/hoi-dap-truc-tuyen"'), 'the new category is not in the public menu at once');
    await shot(admin.page, 'categories');

    // Repeated wrong passwords lock the account (last: the lock may cover this address too).
    const intruder = await newSession(browser, base, 'intruder');
    let message = '';
    for (let attempt = 0; attempt < 8 && !/tạm khoá|quá nhiều/i.test(message); attempt += 1) {
      await logIn(intruder.page, 'duyet', `sai-mat-khau-${attempt}`);
      message = await intruder.page.locator('main').innerText();
    }
    check(/tạm khoá|quá nhiều lần/i.test(message), `no lockout message after repeated wrong passwords: “${message.slice(0, 200)}”`);
    await shot(intruder.page, 'lockout');
  } finally {
    await browser.close();
    await server.stop();
  }
}

try {
  await main();
} catch (error) {
  fail(`back office: ${error.stack ?? error}`);
}
for (const note of skipped) console.log(`skipped: ${note}`);
console.log(`back office: ${failures.length ? `${failures.length} failures` : 'all checks passed'}; artifacts in ${artifacts}`);
process.exit(failures.length ? 1 : 0);
