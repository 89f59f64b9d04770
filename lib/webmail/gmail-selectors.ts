import type { RecipientField } from '../checks/types';
import type { Chain } from './dom';

/**
 * Every Gmail selector Bounce Guard uses, in one file: when Gmail changes its DOM, this is the file to fix.
 * Lists are fallback chains, first match wins. Each entry says why it is there and when it was last seen
 * (sources: InboxSDK and gmail.js public code, Mailvelope, /work/shared/reference/gmail-compose-dom.md).
 *
 * Rules: prefer `name=`, `role=` and PeopleKit attributes over obfuscated classes; never match English
 * (or any) `aria-label` / `data-tooltip` / text, because Gmail localises them.
 */

// ---- Where composes live -------------------------------------------------------------------------------

/** Compose roots. Any match counts, the outermost wins: a `.M9` inside a compose dialog belongs to the dialog. */
export const COMPOSE_ROOTS: Chain = [
  'div.M9', // every compose context (gmail.js dom.composes, InboxSDK inline replies); seen 2026-06
  'div.aoI[role="region"]', // newer builds: the region holding the compose form; seen 2026-06
];

/** Mole and full-screen wrapper around the .M9 (InboxSDK's compose element); seen 2026-06 */
export const COMPOSE_DIALOG = '[role="dialog"]';
/** A dialog is a compose only with a form (InboxSDK) and one of these; Gmail's other dialogs have neither. */
export const DIALOG_FORM = 'form'; // seen 2026-06
export const DIALOG_COMPOSE_PROOF = 'input[name="composeid"], input[name="subjectbox"], [g_editable]'; // seen 2026-06

/** Containers composes appear in; observed instead of the body subtree. */
export const COMPOSE_CONTAINERS: Chain = [
  '.dw .nH > .nH > .no', // the mole row (InboxSDK getComposeWindowContainer); seen 2026-06
  '.aSs .aSt', // full-screen compose layer, a child of <body> (InboxSDK); seen 2026-06
  '[role="main"]', // threads with inline replies; the pop-out window's compose (InboxSDK StandaloneCompose); seen 2026-06
];

// ---- Identity ------------------------------------------------------------------------------------------

export const COMPOSE_ID_INPUT = 'input[name="composeid"]'; // hidden, set when Gmail builds the compose; seen 2026-06
export const DRAFT_ID_INPUT = 'input[name="draft"]'; // hidden `#msg-a:r-…`, "undefined" until first save; seen 2026-06
export const COMPOSE_ID_ATTRIBUTE = 'data-compose-id'; // on newer div.aoI regions; seen 2026-06
/** Values Gmail leaves in the draft input before the first save (InboxSDK #getDraftIDfromForm). */
export const UNSET_IDS: ReadonlySet<string> = new Set(['', 'undefined', 'null']);

// ---- Recipients (PeopleKit UI, since Oct 2021) -------------------------------------------------------

/** Recipient chips of one field. */
export const chips = (field: RecipientField): Chain => [
  `.GS .anm[name="${field}"] [role="listbox"] [role="option"][data-hovercard-id]`, // InboxSDK getRecipientChips; seen 2026-06
  `[name="${field}"] [role="option"][data-hovercard-id]`, // same chip when .GS/.anm are renamed; seen 2026-06
  `div[name="${field}"] [data-hovercard-id]`, // older PeopleKit builds without role=option; seen 2026-06
];

/** The typing box of one field: text in it is not a chip yet, but Gmail sends to it. */
export const typingBox = (field: RecipientField): Chain => [
  `div[name="${field}"] input[peoplekit-id]`, // gmail.js is_peoplekit_compose; seen 2026-06
  `.anm[name="${field}"] input[role="combobox"]`, // InboxSDK setRecipients (input[role=combobox][aria-autocomplete=list]); seen 2026-06
];

/** A chip's remove control (×); InboxSDK and Mailvelope click it to remove a chip. seen 2026-06 */
export const CHIP_REMOVE = '.afX';
/** Chip attributes: the address and the display name. seen 2026-06 */
export const CHIP_ADDRESS_ATTRIBUTE = 'data-hovercard-id';
export const CHIP_NAME_ATTRIBUTE = 'data-name';

// ---- Recipients (legacy UI, before Oct 2021; some accounts kept it) ----------------------------------

/** The legacy typing box; its table row holds the field's chips. */
export const legacyTypingBox = (field: RecipientField): Chain => [
  `.GS tr textarea.vO[name="${field}"]`, // InboxSDK getOldRecipientRowForType; seen 2026-06
  `textarea[name="${field}"]`, // gmail.js dom('to'); seen 2026-06
];
export const LEGACY_ROW = 'tr'; // seen 2026-06
/** A legacy chip's hidden input, value "Name <addr>" (InboxSDK getRecipientChips). seen 2026-06 */
export const LEGACY_CHIP_VALUE = '.vR > input[type="hidden"]';
export const LEGACY_CHIP = '.vR'; // seen 2026-06
export const LEGACY_CHIP_REMOVE = '.vM'; // InboxSDK setRecipients clicks it; seen 2026-06

/** Inline replies hide the recipients section until its summary gets focus (InboxSDK setRecipients). */
export const RECIPIENTS_SECTION = '.fX.aiL'; // seen 2026-06
export const RECIPIENTS_SUMMARY = 'div.aoD.hl'; // the collapsed "To: Jan, Eva" line; chips stay in the DOM; seen 2026-06

/** Elements that change when recipients change: the recipients table, else each field. */
export const RECIPIENT_AREAS: Chain = [
  '.GS', // recipients table, both UIs (InboxSDK getRecipientRowElements); seen 2026-06
  'div[name="to"], div[name="cc"], div[name="bcc"]', // PeopleKit fields when .GS is renamed; seen 2026-06
];

// ---- Subject and body --------------------------------------------------------------------------------

export const SUBJECT: Chain = [
  'input[name="subjectbox"]', // the visible subject (InboxSDK getSubjectInput); seen 2026-06
  'input[name="subject"]', // hidden copy; the only one in inline replies (gmail.js subject()); seen 2026-06
];

export const BODY: Chain = [
  '[g_editable="true"][contenteditable="true"]', // Gmail's editor marks itself g_editable; seen 2026-06
  '.Ap [g_editable="true"]', // InboxSDK getMaybeBodyElement; seen 2026-06
  '[role="textbox"][contenteditable="true"]', // when g_editable goes; seen 2026-06
];

/** Links in the body; their hrefs are reported as written. seen 2026-06 */
export const BODY_LINKS = 'a[href]';

// ---- Send controls -----------------------------------------------------------------------------------

/** Gmail's buttons are divs with role=button (T-I controls); seen 2026-06 */
export const BUTTON = '[role="button"]';

/** Buttons other extensions add beside Send (InboxSDK prefixes its classes) are never ours to guard. */
const NOT_ADDED = ':not([class*="inboxsdk"])';

export const SEND_BUTTON: Chain = [
  `.IZ .Up div > div[role="button"]:not(.Uo):not([aria-haspopup="true"])${NOT_ADDED}`, // InboxSDK getSendButton; seen 2026-06
  `div.T-I.aoO[role="button"]${NOT_ADDED}`, // gmail.js send_button, real markup `T-I J-J5-Ji aoO v7 T-I-atl L3`; seen 2026-06
];

export const SEND_ARCHIVE_BUTTON: Chain = [
  `.IZ .Up div > div[role="button"].Uo:not([aria-haspopup="true"])${NOT_ADDED}`, // InboxSDK getSendAndArchiveButton; seen 2026-06
];

/** "More send options" (▾ beside Send): opens a menu; never a send by itself. */
export const SEND_OPTIONS_BUTTON: Chain = [
  '.IZ .Up [role="button"][aria-haspopup="true"]', // InboxSDK getSendButtonGroup; seen 2026-06
  '.hG[role="button"]', // InboxSDK getMoreSendOptionsButton; seen 2026-06
];

/** Gmail's (Closure) menu buttons say aria-expanded while their menu is open (InboxSDK watches it). seen 2026-06 */
export const EXPANDED = '[aria-expanded="true"]';

/** The Schedule send menu item; `selector` is Gmail's internal action id, not localised. seen 2026-06 */
export const SCHEDULE_ITEM = '[selector="scheduledSend"]';

// ---- Our panel ---------------------------------------------------------------------------------------

/** The send bar; our findings panel goes right above it, visible in every compose context. */
export const SEND_BAR: Chain = [
  '.aDh > table.IZ', // bottom bar table in its status area (InboxSDK getBottomBarTable / add-status-bar); seen 2026-06
  'table.IZ', // same, when the status area wrapper changes; seen 2026-06
];
