import type { ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { Finding } from '@/lib/checks/types';
import type { UiAnchor } from '@/lib/webmail/types';
import { marks } from '@/lib/webmail/marks';
import composeCss from './compose.css?inline';
import { FindingsPanel, type FindingsSource } from './FindingsPanel';
import { SendDialog } from './SendDialog';

const appendMode = { before: 'before', after: 'after', append: 'last' } as const;

/**
 * WXT's shadow-root reset (`:host{all:initial !important}`) also wipes the z-index it sets inline on a modal's
 * host, which left the dialog under Gmail's compose moles; restate them with the same weight.
 */
const dialogHostCss = ':host{position:relative !important;display:block !important;z-index:2147483647 !important}';

export interface MountedPanel {
  readonly host: HTMLElement;
  remove(): void;
}

type Placement =
  | { position: 'inline'; anchor: Element; append: (typeof appendMode)[keyof typeof appendMode] }
  | { position: 'modal'; anchor: 'body' };

/**
 * Renders `element` in a shadow root of its own, marked as ours (`marks.ui`). Keys typed in it do not reach
 * Gmail's shortcuts (isolateEvents); React is unmounted when it is removed.
 */
async function mountReact(
  ctx: ContentScriptContext,
  kind: 'panel' | 'dialog',
  placement: Placement,
  css: string,
  element: ReactElement,
): Promise<MountedPanel> {
  const ui = await createShadowRootUi<Root>(ctx, {
    name: `bounce-guard-${kind}`,
    ...placement,
    css,
    isolateEvents: true,
    onMount(container) {
      const root = createRoot(container);
      root.render(element);
      return root;
    },
    onRemove: (root) => root?.unmount(),
  });
  ui.mount();
  ui.shadowHost.setAttribute(marks.ui, kind);
  return { host: ui.shadowHost, remove: () => ui.remove() };
}

/** The findings panel of one compose, in its own shadow root at the adapter's anchor. */
export function mountPanel(
  ctx: ContentScriptContext,
  anchor: UiAnchor,
  source: FindingsSource,
  onFix: (finding: Finding) => void,
): Promise<MountedPanel> {
  const placement: Placement = { position: 'inline', anchor: anchor.element, append: appendMode[anchor.position] };
  return mountReact(ctx, 'panel', placement, composeCss, <FindingsPanel source={source} onFix={onFix} />);
}

/** Opens the send dialog over the page; resolves true for "Send anyway", false for "Go back". */
export async function askBeforeSend(ctx: ContentScriptContext, findings: readonly Finding[]): Promise<boolean> {
  let decide: (send: boolean) => void = () => {};
  const decision = new Promise<boolean>((resolve) => (decide = resolve));
  const dialog = await mountReact(
    ctx,
    'dialog',
    { position: 'modal', anchor: 'body' },
    `${composeCss}\n${dialogHostCss}`,
    <SendDialog findings={findings} onDecide={decide} />,
  );
  try {
    return await decision;
  } finally {
    dialog.remove();
  }
}
