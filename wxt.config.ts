import { defineConfig } from 'wxt';

// The extension asks for Gmail only; the team server answers CORS for extension origins, so it needs no host permission.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'Bounce Guard',
    description:
      'Warns in Gmail before you send: recipients known to bounce, address typos with a one-click fix, and shortened links.',
    permissions: ['storage', 'alarms', 'notifications'],
    host_permissions: ['https://mail.google.com/*'],
    action: { default_title: 'Bounce Guard' },
    browser_specific_settings: {
      gecko: { id: 'bounce-guard@bounceguard.dev', strict_min_version: '115.0' },
    },
  },
});
