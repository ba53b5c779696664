// The "target summary" node: a block that shows a target plan's live figures in the published article, stored
// as {"type":"targetSummary","attrs":{"plan":"<slug>","period":"2024-q1" | null}} (src/content/document.hpp).
// The editor cannot draw the live figures; it keeps the block whole, shows which plan and period it names,
// and lets it be moved or deleted like a photo. Blocks are added through the API.
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
