// The public pages in a real browser: axe-core finds no WCAG 2.1 A/AA violation on any page type at 1280 px,
// at 360 px and at 200 % text size; the layout never scrolls sideways; the page weight stays within budget;
// nothing loads from another origin; the reader's controls work; screenshots go to artifacts/.
// Usage: node check_pages.mjs BASE_URL ARTIFACT_DIR
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = require('axe-core').source;

const [base, artifacts] = process.argv.slice(2);
if (!base || !artifacts) {
  console.error('usage: node check_pages.mjs BASE_URL ARTIFACT_DIR');
  process.exit(2);
}

// Issue 5: an article page needs at most 50 KB of HTML + CSS + JS after gzip, photos excluded.
const ARTICLE_BUDGET_BYTES = 50 * 1024;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const failures = [];
function fail(message) {
  failures.push(message);
  console.error(`FAIL ${message}`);
}

async function get(path) {
  const response = await fetch(new URL(path, base), { redirect: 'manual' });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

// The page types to check, found from the site itself so the demo content may change.
async function discoverPages() {
  const pages = [
    { name: 'home', path: '/', status: 200 },
    { name: 'category', path: '/chuyen-muc/chien-luoc-dinh-huong-quy-hoach', status: 200 },
  ];
  const rss = await get('/rss.xml');
  const link = /<item><title>[^<]*<\/title><link>([^<]+)<\/link>/.exec(rss.text);
  if (!link) fail('/rss.xml has no item to find an article page from');
  else pages.push({ name: 'article', path: new URL(link[1]).pathname, status: 200 });
  // A listing with more than one page shows the pagination too.
  const home = await get('/');
  for (const [, href] of home.text.matchAll(/href="(\/chuyen-muc\/[a-z0-9-]+)"/g)) {
    const listing = await get(href);
    if (listing.text.includes('rel="next"')) {
      pages.push({ name: 'category-page-2', path: `${href}?trang=2`, status: 200 });
      break;
    }
  }
  const search = '/tim-kiem?q=' + encodeURIComponent('hội nghị');
  const searchPage = await get(search);
  if (searchPage.status === 200) pages.push({ name: 'search', path: search, status: 200 });
  else console.log(`note: ${search} answers ${searchPage.status}; the search page is not checked`);
  // The OCOP catalogue, one product from it, and the New Rural Development standing with its thresholds table.
  pages.push({ name: 'ocop', path: '/ocop', status: 200 });
  const ocop = await get('/ocop');
  const product = /href="(\/ocop\/[a-z0-9-]+)"/.exec(ocop.text);
  if (product) pages.push({ name: 'ocop-product', path: product[1], status: 200 });
  else console.log('note: /ocop lists no product; the product page is not checked');
  pages.push({ name: 'ntm-standing', path: '/tieu-chi-nong-thon-moi/xa-ntm-2021-2025', status: 200 });
  pages.push({ name: 'not-found', path: '/khong-co-trang-nay', status: 404 });
  return pages;
}

// What the server sends, before any script runs: status, same-origin resources, sized images.
function checkMarkup(page, html) {
  for (const [, tag] of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const src = /\s(?:src|href)="([^"]*)"/.exec(tag);
    const blocking = /^<script/.test(tag) ? !/\s(defer|async)[\s=>]/.test(tag) && /\ssrc=/.test(tag)
      : /rel="stylesheet"/.test(tag);
    if (blocking && src && !src[1].startsWith('/')) fail(`${page.name}: render-blocking resource from elsewhere: ${tag}`);
    if (/^<script/.test(tag) && src && !src[1].startsWith('/')) fail(`${page.name}: third-party script ${src[1]}`);
  }
  for (const [tag] of html.matchAll(/<img\b[^>]*>/g)) {
    if (!/\swidth="\d+"/.test(tag) || !/\sheight="\d+"/.test(tag)) fail(`${page.name}: image without its size: ${tag}`);
    if (!/\salt="/.test(tag)) fail(`${page.name}: image without alt: ${tag}`);
  }
  if (!html.includes('<html lang="vi">')) fail(`${page.name}: not lang="vi"`);
  if (/<link [^>]*@font-face|fonts\.googleapis/.test(html)) fail(`${page.name}: web fonts`);
}

async function pageWeight(html) {
  let total = gzipSync(html).length;
  const parts = [`html ${total}`];
  for (const [, href] of html.matchAll(/<(?:link rel="stylesheet" href|script src)="(\/static\/[^"]+)"/g)) {
    const asset = await get(href);
    const size = gzipSync(asset.text).length;
    parts.push(`${href.split('/').pop()} ${size}`);
    total += size;
  }
  return { total, parts };
}

async function runAxe(browserPage, label) {
  // Evaluated through the DevTools protocol: a <script> tag with this content would be refused by the
  // portal's Content-Security-Policy, as it should be.
  await browserPage.evaluate(AXE_SOURCE);
  const result = await browserPage.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS);
  for (const violation of result.violations) {
    const targets = violation.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
    fail(`${label}: axe ${violation.id} (${violation.impact}) ${violation.help} — ${targets}`);
  }
  return result.violations.length;
}

async function noSidewaysScroll(browserPage, label) {
  const overflow = await browserPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) fail(`${label}: the page is ${overflow}px wider than the window`);
}

// Each variant is a fresh context: its own viewport and what the reader chose earlier (localStorage).
const VARIANTS = [
  { name: '1280', width: 1280, height: 900, storage: {} },
  { name: '360', width: 360, height: 740, storage: {} },
  { name: 'text-200', width: 1280, height: 900, storage: { 'cong.textScale': '200' } },
  { name: 'text-200-360', width: 360, height: 740, storage: { 'cong.textScale': '200' } },
  { name: 'high-contrast', width: 1280, height: 900, storage: { 'cong.contrast': 'high' } },
];

// The portal's pages must work under its own strict Content-Security-Policy: anything it blocks (an inline
// script or style, a style attribute) is a failure, reported by Chromium on the console.
function watchPolicy(browserPage, label) {
  browserPage.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) fail(`${label}: ${message.text()}`);
  });
}

async function newContext(browser, variant) {
  const context = await browser.newContext({ viewport: { width: variant.width, height: variant.height }, locale: 'vi-VN' });
  context.on('page', (browserPage) => watchPolicy(browserPage, variant.name));
  // Everything must come from the portal itself: any other request fails the run.
  const origin = new URL(base).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    fail(`${variant.name}: request to another origin ${url}`);
    return route.abort();
  });
  await context.addInitScript((entries) => {
    for (const [key, value] of Object.entries(entries)) window.localStorage.setItem(key, value);
  }, variant.storage);
  return context;
}

async function checkReaderControls(browser, articlePath) {
  const context = await newContext(browser, VARIANTS[0]);
  const page = await context.newPage();
  await page.goto(new URL(articlePath, base).href);

  // The first Tab reaches the skip link, which then shows on screen.
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    return { cls: el.className, top: box.top, visible: box.width > 0 && box.top >= 0 };
  });
  if (skip.cls !== 'skip-link' || !skip.visible) fail(`first Tab does not show the skip link: ${JSON.stringify(skip)}`);
  await page.keyboard.press('Enter');
  const focused = await page.evaluate(() => document.activeElement.id);
  if (focused !== 'noi-dung') fail(`the skip link does not move focus to <main>: ${focused}`);

  // Text size: A+ up to 200 %, then disabled; remembered on the next page.
  for (let i = 0; i < 12; ++i) {
    const plus = page.locator('[data-text-size-step="1"]');
    if (await plus.isDisabled()) break;
    await plus.click();
  }
  const value = await page.locator('[data-text-size-value]').textContent();
  if (value !== '200%') fail(`text size stops at ${value}, not 200%`);
  await noSidewaysScroll(page, 'article after A+ to 200%');

  // High contrast: pressed, remembered, and the colours change.
  const toggle = page.locator('[data-contrast-toggle]');
  await toggle.click();
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') fail('contrast toggle is not pressed after a click');
  await page.reload();
  const remembered = await page.evaluate(() => ({
    contrast: document.documentElement.classList.contains('high-contrast'),
    scale: getComputedStyle(document.documentElement).getPropertyValue('--text-scale').trim(),
  }));
  if (!remembered.contrast) fail('high contrast is not remembered after a reload');
  if (remembered.scale !== '2') fail(`text size is not remembered after a reload: ${remembered.scale}`);

  // Share links carry the page's own address; copy-link says it copied.
  const share = await page.locator('a.share-link').evaluateAll((links) => links.map((a) => a.href));
  const address = page.url().split('#')[0];
  const here = encodeURIComponent(address);
  if (share.length !== 2 || !share.every((href) => href.endsWith(here))) fail(`share links: ${share.join(' ')}`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  await page.locator('[data-copy-link]').click();
  await page.waitForFunction(() => document.querySelector('[data-copy-status]').textContent.length > 0);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  if (copied !== address) fail(`copy link copied "${copied}"`);

  // Print: no menus or tools; title, date, photos with captions, byline and the address remain.
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await page.emulateMedia({ media: 'print' });
  const print = await page.evaluate(() => {
    const shown = (selector) => {
      const el = document.querySelector(selector);
      return !!el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
    };
    return {
      menu: shown('.menu'), tools: shown('.article-tools'), share: shown('.share'), search: shown('.search-form'),
      title: shown('.article h1'), date: shown('.published'), photo: shown('.article figure img'),
      caption: shown('.article figcaption'), byline: shown('.byline'), address: shown('.print-url'),
      addressText: document.querySelector('[data-page-url]').textContent,
    };
  });
  for (const hidden of ['menu', 'tools', 'share', 'search']) if (print[hidden]) fail(`print shows ${hidden}`);
  for (const kept of ['title', 'date', 'photo', 'caption', 'byline', 'address']) if (!print[kept]) fail(`print lacks ${kept}`);
  if (print.addressText !== page.url()) fail(`print address is "${print.addressText}"`);
  await page.screenshot({ path: join(artifacts, 'screenshots', 'article-print.png'), fullPage: true });
  await context.close();
}

async function main() {
  mkdirSync(join(artifacts, 'html'), { recursive: true });
  mkdirSync(join(artifacts, 'screenshots'), { recursive: true });
  const pages = await discoverPages();
  const summary = { pages: [], axeRuns: 0, axeViolations: 0 };

  for (const page of pages) {
    const response = await get(page.path);
    if (response.status !== page.status) fail(`${page.path} answers ${response.status}, expected ${page.status}`);
    writeFileSync(join(artifacts, 'html', `${page.name}.html`), response.text);
    checkMarkup(page, response.text);
    const weight = await pageWeight(response.text);
    summary.pages.push({ name: page.name, path: page.path, gzipBytes: weight.total, parts: weight.parts.join(', ') });
    if (page.name === 'article' && weight.total > ARTICLE_BUDGET_BYTES)
      fail(`article page weighs ${weight.total} bytes gzipped (${weight.parts.join(', ')}), budget ${ARTICLE_BUDGET_BYTES}`);
  }

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    for (const variant of VARIANTS) {
      const context = await newContext(browser, variant);
      const browserPage = await context.newPage();
      for (const page of pages) {
        const label = `${page.name} @ ${variant.name}`;
        const response = await browserPage.goto(new URL(page.path, base).href, { waitUntil: 'load' });
        if (response.status() !== page.status) fail(`${label}: status ${response.status()}`);
        await noSidewaysScroll(browserPage, label);
        summary.axeViolations += await runAxe(browserPage, label);
        summary.axeRuns += 1;
        if (variant.name === '1280' || variant.name === '360' || variant.name === 'text-200-360')
          await browserPage.screenshot({ path: join(artifacts, 'screenshots', `${page.name}-${variant.name}.png`), fullPage: true });
      }
      await context.close();
    }
    const article = pages.find((p) => p.name === 'article');
    if (article) await checkReaderControls(browser, article.path);
  } finally {
    await browser.close();
  }

  for (const page of summary.pages) console.log(`weight ${page.name}: ${page.gzipBytes} bytes gzipped (${page.parts})`);
  console.log(`axe: ${summary.axeRuns} runs over ${pages.length} pages × ${VARIANTS.length} variants, ` +
    `${summary.axeViolations} violations`);
  writeFileSync(join(artifacts, 'pages.json'), JSON.stringify({ pages, ...summary }, null, 2));
  if (failures.length) {
    console.error(`${failures.length} browser check(s) failed`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
