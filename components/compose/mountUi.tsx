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

/** The findings panel of one compose, in its own shadow root at the adapter's anchor. */
export async function mountPanel(
  ctx: ContentScriptContext,
  anchor: UiAnchor,
  source: FindingsSource,
  onFix: (finding: Finding) => void,
): Promise<MountedPanel> {
  const ui = await createShadowRootUi<Root>(ctx, {
    name: 'bounce-guard-panel',
    position: 'inline',
    anchor: anchor.element,
    append: appendMode[anchor.position],
    css: composeCss,
    // Keys typed on our buttons must not reach Gmail's shortcuts.
    isolateEvents: true,
    onMount(container) {
      const root = createRoot(container);
      root.render(<FindingsPanel source={source} onFix={onFix} />);
      return root;
    },
    onRemove: (root) => root?.unmount(),
  });
  ui.mount();
  ui.shadowHost.setAttribute(marks.ui, 'panel');
  return { host: ui.shadowHost, remove: () => ui.remove() };
}

/** Opens the send dialog over the page; resolves true for "Send anyway", false for "Go back". */
export async function askBeforeSend(ctx: ContentScriptContext, findings: readonly Finding[]): Promise<boolean> {
  let decide: (send: boolean) => void = () => {};
  const decision = new Promise<boolean>((resolve) => (decide = resolve));
  const ui = await createShadowRootUi<Root>(ctx, {
    name: 'bounce-guard-dialog',
    position: 'modal',
    anchor: 'body',
    css: `${composeCss}\n${dialogHostCss}`,
    isolateEvents: true,
    onMount(container) {
      const root = createRoot(container);
      root.render(<SendDialog findings={findings} onDecide={decide} />);
      return root;
    },
    onRemove: (root) => root?.unmount(),
  });
  ui.mount();
  ui.shadowHost.setAttribute(marks.ui, 'dialog');
  try {
    return await decision;
  } finally {
    ui.remove();
  }
}
