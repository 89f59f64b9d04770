import type { DraftRecipient, RecipientField } from '../checks/types';
import { all, clickLikeUser, first, pasteText, pressKey, setInputValue } from './dom';
import * as S from './gmail-selectors';

const FIELDS: readonly RecipientField[] = ['to', 'cc', 'bcc'];

type TypingBox = HTMLInputElement | HTMLTextAreaElement;

interface Chip {
  element: HTMLElement;
  /** As reported in the draft: `addr` or `Name <addr>`. */
  raw: string;
  address: string;
  /** The chip's × control, if it has one. */
  remove: HTMLElement | null;
}

/** One recipient field as Gmail shows it: chips, and the typing box holding text that is not a chip yet. */
interface FieldView {
  chips: Chip[];
  box: TypingBox | null;
  legacy: boolean;
}

/** Every recipient of a compose, per field: chips first, then the typing box's text (Gmail sends to it too). */
export function readRecipients(root: HTMLElement): DraftRecipient[] {
  const recipients: DraftRecipient[] = [];
  for (const field of FIELDS) {
    const view = readField(root, field);
    for (const chip of view.chips) recipients.push({ field, raw: chip.raw, source: 'chip' });
    const pending = view.box?.value ?? '';
    if (pending.trim() !== '') recipients.push({ field, raw: pending, source: 'pending' });
  }
  return recipients;
}

/**
 * Replaces the recipient reported as `from` with `to`. A chip: the new address goes in through the typing
 * box first (pasted, as InboxSDK does, or typed + Enter), then the old chip is removed with its × control,
 * so a half-done fix leaves both addresses rather than none. Typing-box text is rewritten in place.
 */
export function replaceRecipient(root: HTMLElement, field: RecipientField, from: string, to: string): boolean {
  const view = readField(root, field);
  const chip = view.chips.find((c) => c.raw === from) ?? view.chips.find((c) => sameAddress(c.address, addressOf(from)));
  if (chip) return replaceChip(root, field, view, chip, to);
  const box = view.box;
  if (box && from.trim() !== '' && (box.value === from || box.value.trim() === from.trim())) {
    setInputValue(box, to);
    return true;
  }
  return false;
}

function replaceChip(root: HTMLElement, field: RecipientField, view: FieldView, chip: Chip, to: string): boolean {
  const box = view.box;
  if (!box) return false;
  const wanted = addressOf(to);
  if (sameAddress(chip.address, wanted)) return true; // only the display name differs: Gmail keeps its own
  // Which of the chips with this address is ours: Gmail re-renders the list, so find it again by position.
  const nth = view.chips.filter((c) => sameAddress(c.address, chip.address)).indexOf(chip);
  const alreadyThere = view.chips.some((c) => sameAddress(c.address, wanted));
  if (!alreadyThere) addThroughTypingBox(root, box, to, view.legacy);

  const again = readField(root, field).chips.filter((c) => sameAddress(c.address, chip.address))[nth];
  if (!again) return true; // Gmail already folded it into the new one
  if (again.remove) {
    clickLikeUser(again.remove);
  } else {
    // PeopleKit chips say "press Delete to remove"; the keyboard still works when the × is gone.
    again.element.focus();
    pressKey(again.element, 'Delete', 46);
  }
  return true;
}

function addThroughTypingBox(root: HTMLElement, box: TypingBox, text: string, legacy: boolean): void {
  revealRecipients(root, box);
  const pending = box.value;
  box.focus();
  let added = false;
  if (!legacy) {
    // InboxSDK (2021+): clear the box, then paste; Gmail turns pasted addresses into chips at once.
    box.value = '';
    added = pasteText(box, text) === 'handled';
  }
  if (!added) {
    // The pre-paste way (InboxSDK's legacy path, gmail.js): type the text and press Enter.
    setInputValue(box, text);
    pressKey(box, 'Enter', 13);
  }
  if (box.value !== pending) setInputValue(box, pending);
}

/** Inline replies keep the recipients section hidden until its summary line is focused. */
function revealRecipients(root: HTMLElement, box: TypingBox): void {
  const section = box.closest<HTMLElement>(S.RECIPIENTS_SECTION);
  if (!section || section.style.display !== 'none') return;
  root.querySelector(S.RECIPIENTS_SUMMARY)?.dispatchEvent(new FocusEvent('focus'));
}

// ---- Reading one field ------------------------------------------------------------------------------

function readField(root: HTMLElement, field: RecipientField): FieldView {
  const box = first<HTMLInputElement>(root, S.typingBox(field));
  const chipElements = all(root, S.chips(field));
  if (box || chipElements.length > 0) {
    return { legacy: false, box, chips: chipElements.map(peoplekitChip).filter((c) => c !== null) };
  }
  const legacyBox = first<HTMLTextAreaElement>(root, S.legacyTypingBox(field));
  const row = legacyBox?.closest(S.LEGACY_ROW);
  const chips = row ? all<HTMLInputElement>(row, [S.LEGACY_CHIP_VALUE]).map(legacyChip).filter((c) => c !== null) : [];
  return { legacy: true, box: legacyBox, chips };
}

function peoplekitChip(element: HTMLElement): Chip | null {
  const address = (element.getAttribute(S.CHIP_ADDRESS_ATTRIBUTE) ?? '').trim();
  if (address === '') return null;
  const name = (element.getAttribute(S.CHIP_NAME_ATTRIBUTE) ?? '').trim();
  return { element, raw: formatRecipient(name, address), address, remove: element.querySelector(S.CHIP_REMOVE) };
}

function legacyChip(input: HTMLInputElement): Chip | null {
  const raw = input.value.trim();
  const element = input.closest<HTMLElement>(S.LEGACY_CHIP);
  if (raw === '' || !element) return null;
  return { element, raw, address: addressOf(raw), remove: element.querySelector(S.LEGACY_CHIP_REMOVE) };
}

/** `addr`, or `Name <addr>` with the name quoted when it holds characters that would split or confuse it. */
export function formatRecipient(name: string, address: string): string {
  if (name === '' || name.toLowerCase() === address.toLowerCase()) return address;
  const quoted = /[()<>[\]:;@\\,."]/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name;
  return `${quoted} <${address}>`;
}

/** The address part of `Name <addr>`, or the trimmed text itself. */
function addressOf(raw: string): string {
  const angled = /<([^<>]*)>\s*$/.exec(raw);
  return (angled?.[1] ?? raw).trim();
}

function sameAddress(a: string, b: string): boolean {
  return a !== '' && a.toLowerCase() === b.toLowerCase();
}
