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
  /** Elements worth observing for new composes (never the whole body subtree). */
  composeContainers(doc: Document): Element[];
  /** A key stable across re-renders of the same compose (draft id), or a generated one. */
  composeKey(root: HTMLElement): string;
  readDraft(root: HTMLElement): Draft;
  /** Elements whose changes mean the recipients changed (recipient rows), for a narrow MutationObserver. */
  recipientAreas(root: HTMLElement): Element[];
  /** The editable body, if found. */
  body(root: HTMLElement): HTMLElement | null;
  /** Which send control `target` belongs to, or null when it is none of ours to guard. */
  sendActionOf(target: Element, root: HTMLElement): SendAction | null;
  /** Schedule-send menu items can render outside the compose; find the compose it belongs to. */
  sendActionOutside(target: Element, doc: Document): { action: SendAction; root: HTMLElement } | null;
  /** The control to activate again after "Send anyway"; re-queried because the host re-renders it. */
  sendControl(root: HTMLElement, action: SendAction): HTMLElement | null;
  /** Replace one recipient (found by its raw text in `field`) with `to`; false when it could not. */
  replaceRecipient(root: HTMLElement, field: RecipientField, from: string, to: string): boolean;
  findingsAnchor(root: HTMLElement): UiAnchor;
}
