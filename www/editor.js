// A source editor: a textarea with a line-number gutter and diagnostic markers. Lines do not
// wrap, so gutter row N is text line N; positions are UTF-16 offsets, as the package gives.

export class LineEditor {
  constructor(parent, { value, label, onInput, onScroll }) {
    this.root = document.createElement('div');
    this.root.className = 'line-editor';
    this.gutter = document.createElement('div');
    this.gutter.className = 'gutter';
    this.gutter.setAttribute('aria-hidden', 'true');
    this.lines = document.createElement('div');
    this.lines.className = 'gutter-lines';
    this.gutter.append(this.lines);
    this.textarea = document.createElement('textarea');
    this.textarea.spellcheck = false;
    this.textarea.setAttribute('autocapitalize', 'off');
    this.textarea.setAttribute('autocomplete', 'off');
    this.textarea.setAttribute('aria-label', label);
    this.textarea.value = value;
    this.root.append(this.gutter, this.textarea);
    parent.append(this.root);
    this.markers = new Map();
    this.lineCount = 0;
    this.textarea.addEventListener('input', () => {
      this.#renumber();
      onInput?.(this.textarea.value);
    });
    this.textarea.addEventListener('scroll', () => {
      this.gutter.scrollTop = this.textarea.scrollTop;
      onScroll?.();
    });
    this.textarea.addEventListener('keydown', (event) => {
      // Tab indents instead of leaving the editor (Escape then Tab leaves it).
      if (event.key === 'Tab' && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        document.execCommand('insertText', false, '  ');
      }
    });
    this.#renumber();
  }

  get value() {
    return this.textarea.value;
  }

  get lineHeight() {
    return parseFloat(getComputedStyle(this.textarea).lineHeight) || 20;
  }

  show(visible) {
    this.root.hidden = !visible;
  }

  /** Marks lines in the gutter: [{ line, severity, message }]. */
  setMarkers(markers) {
    for (const row of this.markers.values()) {
      row.classList.remove('error', 'warning');
      row.removeAttribute('title');
    }
    this.markers.clear();
    for (const { line, severity, message } of markers) {
      const row = this.lines.children[line - 1];
      if (!row || severity === 'info') continue;
      if (!row.classList.contains('error')) row.classList.add(severity);
      row.title = row.title ? `${row.title}\n${message}` : message;
      this.markers.set(line, row);
    }
  }

  /** Selects the UTF-16 range start..end and brings it into view. */
  select(start, end) {
    this.textarea.focus();
    this.textarea.setSelectionRange(start, Math.max(start, end));
    const line = this.textarea.value.slice(0, start).split('\n').length;
    this.scrollToLine(line, true);
  }

  /** The first line visible at the top. */
  topLine() {
    return Math.floor(this.textarea.scrollTop / this.lineHeight) + 1;
  }

  scrollToLine(line, centre = false) {
    const offset = centre ? this.textarea.clientHeight / 3 : 0;
    this.textarea.scrollTop = Math.max(0, (line - 1) * this.lineHeight - offset);
  }

  #renumber() {
    const count = this.textarea.value.split('\n').length;
    if (count === this.lineCount) return;
    while (this.lines.children.length < count) {
      const row = document.createElement('div');
      row.className = 'gutter-line';
      row.textContent = String(this.lines.children.length + 1);
      this.lines.append(row);
    }
    while (this.lines.children.length > count) this.lines.lastChild.remove();
    this.lineCount = count;
    // Room for the widest number.
    this.gutter.style.width = `${String(count).length + 3.2}ch`;
  }
}
