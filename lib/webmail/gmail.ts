import type { Draft } from '../checks/types';
import { all, blockText, clickLikeUser, first, matchesAny } from './dom';
import { readRecipients, replaceRecipient } from './gmail-recipients';
import * as S from './gmail-selectors';
import { marks } from './marks';
import type { SendAction, UiAnchor, WebmailAdapter } from './types';

/**
 * Gmail (web, 2019–2026 DOM): popup moles, several at once, full-screen, inline replies, the pop-out window
 * and composes restored after a reload; the PeopleKit recipient UI and the legacy one. Selectors live in
 * gmail-selectors.ts. A missing element yields empty/null. An unexpected error on the send path (reading a
 * draft, recognising a send control) is left to the caller, which lets Gmail send and counts it (fail open).
 */
export const gmail: WebmailAdapter = {
  findComposes,
  composeContainers,
  composeKey,
  readDraft,
  recipientAreas: (root) => all(root, S.RECIPIENT_AREAS),
  body,
  sendActionOf,
  sendActionOutside,
  sendControl,
  replaceRecipient: (root, field, from, to) => {
    try {
      return replaceRecipient(root, field, from, to);
    } catch {
      return false;
    }
  },
  findingsAnchor,
};

function findComposes(scope: ParentNode): HTMLElement[] {
  try {
    const candidates = Array.from(scope.querySelectorAll<HTMLElement>(ANY_ROOT));
    if (isElement(scope)) candidates.unshift(scope);
    const roots = new Set<HTMLElement>();
    for (const candidate of candidates) {
      if (isComposeRoot(candidate)) roots.add(outermostRoot(candidate));
    }
    return inDocumentOrder([...roots]);
  } catch {
    return [];
  }
}

function composeContainers(doc: Document): Element[] {
  try {
    const found = [...new Set(S.COMPOSE_CONTAINERS.flatMap((selector) => Array.from(doc.querySelectorAll(selector))))];
    return found.filter((element) => !found.some((other) => other !== element && other.contains(element)));
  } catch {
    return [];
  }
}

function composeKey(root: HTMLElement): string {
  const composeId = idValue(root.querySelector<HTMLInputElement>(S.COMPOSE_ID_INPUT));
  if (composeId) return composeId;
  const attribute = `[${S.COMPOSE_ID_ATTRIBUTE}]`;
  const regionId = (root.closest(attribute) ?? root.querySelector(attribute))?.getAttribute(S.COMPOSE_ID_ATTRIBUTE);
  if (regionId) return regionId;
  // Once generated, our key sticks, even when Gmail fills in the draft id on the first save.
  const generated = root.getAttribute(marks.composeKey);
  if (generated) return generated;
  const draftId = idValue(root.querySelector<HTMLInputElement>(S.DRAFT_ID_INPUT));
  if (draftId) return draftId;
  const key = `bounce-guard-${stamp()}`;
  root.setAttribute(marks.composeKey, key);
  return key;
}

function readDraft(root: HTMLElement): Draft {
  const editable = body(root);
  return {
    composeId: composeKey(root),
    recipients: readRecipients(root),
    subject: first<HTMLInputElement>(root, S.SUBJECT)?.value ?? '',
    bodyText: editable ? blockText(editable) : '',
    links: editable ? Array.from(editable.querySelectorAll(S.BODY_LINKS), (a) => a.getAttribute('href') ?? '') : [],
  };
}

function body(root: HTMLElement): HTMLElement | null {
  return first(root, S.BODY);
}

function sendActionOf(target: Element, root: HTMLElement): SendAction | null {
  if (!root.contains(target)) return null;
  const button = target.closest(S.BUTTON);
  if (button && root.contains(button)) {
    if (matchesAny(button, S.SEND_OPTIONS_BUTTON)) {
      // Its menu opens at the end of <body>; remember whose it is (see sendOptionsOwner).
      root.setAttribute(marks.sendOptionsOpened, String(stamp()));
      return null;
    }
    if (matchesAny(button, S.SEND_ARCHIVE_BUTTON)) return 'send-archive';
    if (matchesAny(button, S.SEND_BUTTON)) return 'send';
  }
  return target.closest(S.SCHEDULE_ITEM) ? 'schedule' : null;
}

function sendActionOutside(target: Element, doc: Document): { action: SendAction; root: HTMLElement } | null {
  const item = target.closest(S.SCHEDULE_ITEM);
  if (!item) return null;
  const root = rootContaining(item) ?? sendOptionsOwner(findComposes(doc));
  return root ? { action: 'schedule', root } : null;
}

function sendControl(root: HTMLElement, action: SendAction): HTMLElement | null {
  if (action === 'send') return first(root, S.SEND_BUTTON);
  if (action === 'send-archive') return first(root, S.SEND_ARCHIVE_BUTTON);
  const item = scheduleItemOf(root);
  if (item) return item;
  // Gmail closed the menu when focus left it (e.g. for our dialog): open it again, as a person would.
  const button = first(root, S.SEND_OPTIONS_BUTTON);
  if (!button) return null;
  clickLikeUser(button);
  return scheduleItemOf(root);
}

/** The Schedule send item of this compose's menu while it is shown: inside the compose, or at the end of <body>. */
function scheduleItemOf(root: HTMLElement): HTMLElement | null {
  const inside = root.querySelector<HTMLElement>(S.SCHEDULE_ITEM);
  if (inside && isShown(inside)) return inside;
  const doc = root.ownerDocument;
  if (sendOptionsOwner(findComposes(doc)) !== root) return null;
  return Array.from(doc.querySelectorAll<HTMLElement>(S.SCHEDULE_ITEM)).find(isShown) ?? null;
}

function findingsAnchor(root: HTMLElement): UiAnchor {
  // Right above the send bar: on screen in moles, full-screen, replies and the pop-out, however long the body.
  const bar = first(root, S.SEND_BAR);
  if (bar) return { element: bar, position: 'before' };
  const editable = body(root);
  if (editable) return { element: editable, position: 'before' };
  return { element: root, position: 'append' };
}

// ---- Compose roots -------------------------------------------------------------------------------------

const ANY_ROOT = [...S.COMPOSE_ROOTS, S.COMPOSE_DIALOG].join(', ');

function isComposeRoot(element: Element): boolean {
  if (matchesAny(element, S.COMPOSE_ROOTS)) return true;
  return (
    element.matches(S.COMPOSE_DIALOG) &&
    element.querySelector(S.DIALOG_FORM) !== null &&
    element.querySelector(S.DIALOG_COMPOSE_PROOF) !== null
  );
}

function outermostRoot(element: HTMLElement): HTMLElement {
  let root = element;
  for (let ancestor = element.parentElement; ancestor; ancestor = ancestor.parentElement) {
    if (isComposeRoot(ancestor)) root = ancestor;
  }
  return root;
}

function rootContaining(element: Element): HTMLElement | null {
  for (let ancestor: Element | null = element; ancestor; ancestor = ancestor.parentElement) {
    if (isComposeRoot(ancestor)) return outermostRoot(ancestor as HTMLElement);
  }
  return null;
}

function inDocumentOrder(elements: HTMLElement[]): HTMLElement[] {
  // 4 = DOCUMENT_POSITION_FOLLOWING
  return elements.sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
}

function isElement(node: ParentNode): node is HTMLElement {
  return (node as Node).nodeType === 1;
}

// ---- Schedule send, whose menu lives outside the compose ----------------------------------------------

/**
 * The compose whose "More send options" menu is open: the one whose button says aria-expanded, else the
 * one whose button we saw activated last (sendActionOf marks it), else the only compose. Null when unsure:
 * guarding the wrong compose would show the wrong findings, so we let that schedule through instead.
 */
function sendOptionsOwner(composes: HTMLElement[]): HTMLElement | null {
  const expanded = composes.filter((root) => first(root, S.SEND_OPTIONS_BUTTON)?.matches(S.EXPANDED) === true);
  if (expanded.length === 1) return expanded[0] ?? null;
  const latest = latestOpened(expanded.length > 1 ? expanded : composes);
  if (latest) return latest;
  return composes.length === 1 ? (composes[0] ?? null) : null;
}

function latestOpened(composes: HTMLElement[]): HTMLElement | null {
  let latest: HTMLElement | null = null;
  let latestStamp = 0;
  for (const root of composes) {
    const opened = Number(root.getAttribute(marks.sendOptionsOpened));
    if (opened > latestStamp) [latest, latestStamp] = [root, opened];
  }
  return latest;
}

/** Gmail keeps closed menus in the DOM, hidden. */
function isShown(element: HTMLElement): boolean {
  for (let node: HTMLElement | null = element; node; node = node.parentElement) {
    if (node.hidden || node.style.display === 'none' || node.style.visibility === 'hidden') return false;
  }
  return true;
}

// ---- Small helpers -------------------------------------------------------------------------------------

function idValue(input: HTMLInputElement | null): string | null {
  const value = input?.value.trim() ?? '';
  return S.UNSET_IDS.has(value) ? null : value;
}

let lastStamp = 0;
/** Milliseconds, strictly increasing: ordered across a content-script reload, unique within one. */
function stamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}
