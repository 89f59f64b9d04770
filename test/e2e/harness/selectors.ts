import { marks } from '../../../lib/webmail/marks';

/**
 * Selectors the e2e tests and the compose benchmark share: our own marks (declared in lib/webmail/marks.ts) and the
 * hooks of the fixture pages in test/fixtures/gmail (gmail-sim.js). Gmail's selectors proper live in
 * lib/webmail/gmail*.ts; tests drive the fixture pages as a person would and do not reuse them.
 */

/** Any host element of our in-page UI (findings panel, send dialog); each holds a shadow root. */
export const UI_HOST = `[${marks.ui}]`;
/** The findings panel of a compose. */
export const UI_PANEL = `[${marks.ui}="panel"]`;

/** Set by gmail-sim.js (and the rig page) once the page, and any restored compose, is in place. */
export const FIXTURE_READY = 'html[data-fixture-ready="true"]';

/** One item per message the fixture's simulated Gmail "sent"; `data-sent` holds the message as JSON. */
export const SENT_LOG_ITEM = '#fixture-sent-log li[data-sent]';

/** Gmail's Compose button carries gh="cm"; the fixtures copy it. */
export const COMPOSE_BUTTON = '[gh="cm"]';
/** A compose root; the Compose button appends a new one after the others. */
export const COMPOSE_ROOT = '.M9';
/** The editable message body inside a compose root. */
export const COMPOSE_BODY = '[g_editable="true"]';
