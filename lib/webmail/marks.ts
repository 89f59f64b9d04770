/**
 * Every attribute Bounce Guard writes into a host page's DOM, declared once. All are `data-bounce-guard-*`
 * so they never collide with the host's own attributes or another extension's, and a single
 * `[data-bounce-guard-…]` query finds what we left behind.
 */
export const marks = {
  /** On the shadow host of our in-page UI; the value says which ('panel', 'dialog'). */
  ui: 'data-bounce-guard-ui',
  /** On a compose root that has neither a compose id nor a draft id: the key we generated for it. */
  composeKey: 'data-bounce-guard-compose-key',
  /**
   * On a compose root whose "More send options" menu was opened, a counter value that grows with each
   * opening. Gmail renders that menu at the end of `<body>`, outside every compose, so the Schedule send
   * item is traced back to the compose with the highest value.
   */
  sendOptionsOpened: 'data-bounce-guard-send-options-opened',
} as const;

export type Mark = (typeof marks)[keyof typeof marks];
