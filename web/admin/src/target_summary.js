// The "target summary" node: a block that shows a target plan's live figures in the published article, stored
// as {"type":"targetSummary","attrs":{"plan":"<slug>","period":"2024-q1" | null}} (src/content/document.hpp).
// The editor cannot draw the live figures; it keeps the block whole, shows which plan and period it names,
// and lets it be moved or deleted like a photo. The toolbar's "Tóm tắt chỉ tiêu" inserts one (summaryForm).
import { Node, mergeAttributes } from '@tiptap/core';

const KEY = /^[a-z0-9-]+$/;

export const TargetSummary = Node.create({
  name: 'targetSummary',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      plan: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-plan'),
        renderHTML: (attributes) => ({ 'data-plan': attributes.plan ?? '' }),
      },
      period: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-period') || null,
        renderHTML: (attributes) => (attributes.period ? { 'data-period': attributes.period } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'div[data-target-summary]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const period = node.attrs.period ? `kỳ ${node.attrs.period}` : 'kỳ mới nhất có số liệu';
    return [
      'div',
      mergeAttributes(HTMLAttributes, { 'data-target-summary': '', class: 'editor-target-summary' }),
      `Tóm tắt chỉ tiêu (số liệu trực tiếp): kế hoạch “${node.attrs.plan ?? ''}”, ${period}`,
    ];
  },
});

// The attributes the server accepts, or null when the block names no plan the server would take.
export function targetSummaryAttrs(attrs) {
  const plan = attrs?.plan;
  if (typeof plan !== 'string' || plan.length > 200 || !KEY.test(plan)) return null;
  const period = attrs?.period;
  return { plan, period: typeof period === 'string' && period.length <= 16 && KEY.test(period) ? period : null };
}

// The toolbar's form for a new block: which plan (the page lists them in data-summary-plans) and which period
// ("the newest with figures" unless one is chosen). Inserts the block at the cursor; Escape or "Huỷ" goes back.
export function summaryForm(editor, plans, onClose) {
  const form = document.createElement('div');
  form.className = 'editor-linkbar editor-summarybar';
  form.hidden = true;
  const suffix = Math.random().toString(36).slice(2, 8);
  const field = (text, id) => {
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = text;
    const select = document.createElement('select');
    select.id = id;
    return [label, select];
  };
  const [planLabel, plan] = field('Kế hoạch', `editor-summary-plan-${suffix}`);
  const [periodLabel, period] = field('Kỳ số liệu', `editor-summary-period-${suffix}`);
  for (const entry of plans) plan.append(new Option(entry.title, entry.slug));
  const fillPeriods = () => {
    period.replaceChildren(new Option('Kỳ mới nhất có số liệu', ''));
    const chosen = plans.find((entry) => entry.slug === plan.value);
    for (const entry of chosen?.periods ?? []) period.append(new Option(entry.label, entry.key));
  };
  plan.addEventListener('change', fillPeriods);
  const insert = document.createElement('button');
  insert.type = 'button';
  insert.textContent = 'Chèn';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = 'Huỷ';
  form.append(planLabel, plan, periodLabel, period, insert, cancel);

  const close = () => {
    editor.view.focus();
    form.hidden = true;
    onClose();
  };
  insert.addEventListener('click', () => {
    const attrs = targetSummaryAttrs({ plan: plan.value, period: period.value || null });
    if (attrs) editor.chain().focus().insertContent({ type: 'targetSummary', attrs }).run();
    close();
  });
  cancel.addEventListener('click', close);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter' && event.target instanceof HTMLSelectElement) {
      // The surrounding article form must not submit from here.
      event.preventDefault();
      insert.click();
    }
  });
  return {
    element: form,
    open: () => {
      if (!plan.value && plans.length > 0) plan.value = plans[0].slug;
      fillPeriods();
      form.hidden = false;
      plan.focus();
    },
  };
}
