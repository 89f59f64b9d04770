/**
 * Host-neutral DOM helpers for webmail adapters: fallback chains, text as a person reads it, and the
 * synthetic events webmail UIs accept. None of them throws on odd input: adapters fail soft.
 */

/** An ordered fallback list of selectors: the first that matches anything wins. */
export type Chain = readonly string[];

/** The first element matched by the first selector of `chain` that matches anything under `scope`. */
export function first<E extends Element = HTMLElement>(scope: ParentNode, chain: Chain): E | null {
  for (const selector of chain) {
    const found = safeQuery(() => scope.querySelector<E>(selector));
    if (found) return found;
  }
  return null;
}

/** All elements matched by the first selector of `chain` that matches anything (selectors are never mixed). */
export function all<E extends Element = HTMLElement>(scope: ParentNode, chain: Chain): E[] {
  for (const selector of chain) {
    const found = safeQuery(() => Array.from(scope.querySelectorAll<E>(selector)));
    if (found && found.length > 0) return found;
  }
  return [];
}

/** Whether `element` matches any selector of `chain`. */
export function matchesAny(element: Element, chain: Chain): boolean {
  return chain.some((selector) => safeQuery(() => element.matches(selector)) === true);
}

function safeQuery<T>(query: () => T): T | null {
  try {
    return query();
  } catch {
    return null; // a selector this browser does not support: try the next one
  }
}

// ---- Text -----------------------------------------------------------------------------------------------

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'TABLE', 'TR', 'UL',
]);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
const CELL = new Set(['TD', 'TH']);

/**
 * Text of an element with a line break per block and per `<br>`, like `innerText` but without layout
 * (happy-dom and detached trees have none): source indentation collapses, `&nbsp;` reads as a space.
 */
export function blockText(element: Element): string {
  let text = '';
  const breakLine = (): void => {
    if (text !== '' && !text.endsWith('\n')) text += '\n';
  };
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        text += (child.nodeValue ?? '').replace(/[\t\n\r\f ]+/g, ' ').replace(/\u00a0/g, ' ');
      } else if (child.nodeType === 1) {
        const tag = (child as Element).tagName.toUpperCase();
        if (SKIPPED.has(tag)) continue;
        if (tag === 'BR') {
          text += '\n';
        } else if (BLOCK.has(tag)) {
          breakLine();
          walk(child);
          breakLine();
        } else {
          walk(child);
          if (CELL.has(tag)) text += ' ';
        }
      }
    }
  };
  walk(element);
  return text
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

// ---- Synthetic input -----------------------------------------------------------------------------------

/** Sets an input's value through the prototype setter (frameworks watch the instance one) and says so. */
export function setInputValue(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const prototype = Object.getPrototypeOf(input) as object;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(input, value);
  else input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * A keydown/keyup pair for one key. `keyCode`/`which` are set by hand: the init dictionary drops them, and
 * Closure-based UIs (Gmail) still read them.
 */
export function pressKey(target: Element, key: string, keyCode: number): void {
  for (const type of ['keydown', 'keyup'] as const) {
    const event = new KeyboardEvent(type, { key, code: key, bubbles: true, cancelable: true, composed: true });
    for (const property of ['keyCode', 'which'] as const) {
      try {
        Object.defineProperty(event, property, { get: () => keyCode });
      } catch {
        // a browser that will not let us: `key` alone has to do
      }
    }
    target.dispatchEvent(event);
  }
}

/**
 * Pastes `text` into `target` as a user would. 'handled' when a listener took it (called preventDefault, as
 * an app that parses pastes itself must), 'ignored' when none did, 'unsupported' when this browser cannot
 * build the event.
 */
export function pasteText(target: Element, text: string): 'handled' | 'ignored' | 'unsupported' {
  let event: ClipboardEvent;
  try {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', text);
    event = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true, composed: true });
  } catch {
    return 'unsupported';
  }
  return target.dispatchEvent(event) ? 'ignored' : 'handled';
}

/** mousedown → mouseup → click, the sequence Gmail's controls react to (InboxSDK simulateClick). */
export function clickLikeUser(target: Element): void {
  // No `view`: Firefox rejects a content script's window there (Xray wrapper).
  const init = { bubbles: true, cancelable: true, composed: true, button: 0 };
  for (const type of ['mousedown', 'mouseup', 'click'] as const) target.dispatchEvent(new MouseEvent(type, init));
}
