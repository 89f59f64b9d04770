import type { Draft, RecipientField } from '../checks/types';

/** The ways a compose can be sent; each is intercepted by the send guard. */
export type SendAction = 'send' | 'send-archive' | 'schedule';

/** Where our findings panel goes, relative to an element of the host page. */
export interface UiAnchor {
  element: Element;
  position: 'before' | 'after' | 'append';
}

/**
 * Everything a content script needs to know about one webmail host. Every host selector lives in the
 * adapter's file; nothing outside it queries the host's DOM.
 */
export interface WebmailAdapter {
  /** Compose roots under `scope` (a Document or an element just added to the page), outermost only. */
  findComposes(scope: ParentNode): HTMLElement[];
  /**
   * Elements worth observing (childList + subtree) for new composes, never the whole body subtree. Some appear
   * later as children of `<body>` (Gmail's full-screen layer): watch the body's direct children too.
   */
  composeContainers(doc: Document): Element[];
  /**
   * A key stable across re-renders of the same compose (compose id, draft id), or a generated one kept on the
   * root as `marks.composeKey`.
   */
  composeKey(root: HTMLElement): string;
  readDraft(root: HTMLElement): Draft;
  /** Elements whose changes mean the recipients changed (recipient rows), for a narrow MutationObserver. */
  recipientAreas(root: HTMLElement): Element[];
  /** The editable body, if found. */
  body(root: HTMLElement): HTMLElement | null;
  /**
   * Which send control `target` belongs to, or null when it is none of ours to guard. Call it for every
   * pointer and key event in a compose: it notes which compose opened its "more send options" menu last,
   * which `sendActionOutside` needs (the mark `marks.sendOptionsOpened`).
   */
  sendActionOf(target: Element, root: HTMLElement): SendAction | null;
  /**
   * Schedule-send menu items can render outside the compose; find the compose it belongs to. Null when that
   * is not certain: guarding the wrong compose would be worse than letting the schedule through.
   */
  sendActionOutside(target: Element, doc: Document): { action: SendAction; root: HTMLElement } | null;
  /**
   * The control to activate again after "Send anyway"; re-queried because the host re-renders it. For
   * 'schedule' it is the item of the compose's open menu; when the host has closed that menu (focus left it for
   * our dialog), this re-opens it with a click on "more send options" and returns the item, or null.
   */
  sendControl(root: HTMLElement, action: SendAction): HTMLElement | null;
  /**
   * Replace one recipient (found by its raw text in `field`, a chip by its address too) with `to`; false when
   * it could not (nothing changed then). A chip: `to` goes in through the typing box first, then the old chip
   * is removed, so a half-done fix leaves both. Typing-box text: rewritten in place.
   */
  replaceRecipient(root: HTMLElement, field: RecipientField, from: string, to: string): boolean;
  findingsAnchor(root: HTMLElement): UiAnchor;
}
