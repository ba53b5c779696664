// The figure node: a photo from the media library with its caption for this article, exactly as the server
// stores it — {"type":"figure","attrs":{"media":ID},"content":[text nodes]}. The photo is not editable; the
// caption under it is the node's own text, typed in place.
import { Node, mergeAttributes } from '@tiptap/core';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';

const CAPTION_PLACEHOLDER = 'Nhập chú thích ảnh…';

function inFigure(state) {
  const { $from } = state.selection;
  return $from.parent.type.name === 'figure' ? $from : null;
}

// media: a Map of id → {url, caption, alt, width, height}, shared with the upload and library code so a
// photo added later shows at once.
export function createFigure(media) {
  return Node.create({
    name: 'figure',
    group: 'block',
    content: 'text*',
    marks: 'bold italic',
    defining: true,
    isolating: true,
    draggable: true,

    addAttributes() {
      return {
        media: {
          default: null,
          parseHTML: (element) => {
            const id = Number.parseInt(element.getAttribute('data-media') ?? '', 10);
            return Number.isInteger(id) && id > 0 ? id : null;
          },
          renderHTML: (attributes) => ({ 'data-media': String(attributes.media) }),
        },
      };
    },

    parseHTML() {
      return [{ tag: 'figure[data-media]', contentElement: 'figcaption' }];
    },

    renderHTML({ HTMLAttributes }) {
      return ['figure', mergeAttributes(HTMLAttributes, { class: 'editor-figure' }), ['figcaption', 0]];
    },

    addCommands() {
      return {
        insertFigure:
          (id, position) =>
          ({ tr, state, dispatch }) => {
            const node = state.schema.nodes.figure.create({ media: id });
            const at = position ?? state.selection.to;
            if (dispatch) {
              const $at = tr.doc.resolve(Math.min(at, tr.doc.content.size));
              // Inside a paragraph: the photo goes after it rather than splitting the sentence.
              const insertAt = $at.depth > 0 && $at.parent.isTextblock ? $at.after(1) : at;
              tr.insert(insertAt, node);
              tr.setSelection(TextSelection.create(tr.doc, insertAt + 1));
              tr.scrollIntoView();
            }
            return true;
          },
      };
    },

    addKeyboardShortcuts() {
      return {
        // Enter ends the caption: the text goes on in a new paragraph under the photo.
        Enter: ({ editor }) => {
          const $from = inFigure(editor.state);
          if (!$from) return false;
          const after = $from.after();
          return editor
            .chain()
            .insertContentAt(after, { type: 'paragraph' })
            .setTextSelection(after + 1)
            .scrollIntoView()
            .run();
        },
        // Backspace at the start of a caption selects the photo (a second Backspace removes it) instead of
        // merging the caption into the paragraph above and losing the photo.
        Backspace: ({ editor }) => {
          const $from = inFigure(editor.state);
          if (!$from || !editor.state.selection.empty || $from.parentOffset !== 0) return false;
          const { tr } = editor.state;
          editor.view.dispatch(tr.setSelection(NodeSelection.create(tr.doc, $from.before())));
          return true;
        },
      };
    },

    addNodeView() {
      return ({ node }) => {
        const dom = document.createElement('figure');
        dom.className = 'editor-figure';
        const image = document.createElement('img');
        image.contentEditable = 'false';
        image.draggable = false;
        const caption = document.createElement('figcaption');
        dom.append(image, caption);

        let shown = null;
        const show = (current) => {
          const id = current.attrs.media;
          const info = media.get(id) ?? media.get(String(id));
          dom.dataset.media = String(id);
          if (shown !== info) {
            shown = info;
            if (info?.url) {
              image.src = info.url;
              image.alt = info.alt || info.caption || '';
              if (info.width) image.width = info.width;
              if (info.height) image.height = info.height;
            } else {
              image.removeAttribute('src');
              image.alt = `Ảnh số ${id}`;
            }
          }
          // Empty caption: the photo's own caption is used on the public page; say so in the placeholder.
          caption.dataset.placeholder = info?.caption ? `${info.caption} (chú thích mặc định)` : CAPTION_PLACEHOLDER;
          caption.classList.toggle('is-empty', current.content.size === 0);
        };
        show(node);

        return {
          dom,
          contentDOM: caption,
          update(updated) {
            if (updated.type.name !== 'figure') return false;
            show(updated);
            return true;
          },
          // The photo itself never takes the caret or typing.
          stopEvent: (event) => event.target === image && event.type !== 'dragstart' && event.type !== 'mousedown',
          ignoreMutation: (mutation) => mutation.target === image,
        };
      };
    },
  });
}
