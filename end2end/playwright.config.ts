import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium, never a downloaded browser; the flags keep it off the
// network (this machine's network is closed).
const launchOptions = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
};
const desktop = { viewport: { width: 1280, height: 800 }, launchOptions };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3, launchOptions };

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.BASE_URL || 'http://127.0.0.1:3000',
    locale: 'fr-FR',
    trace: 'off',
  },
  projects: [
    { name: 'desktop-js', use: { ...devices['Desktop Chrome'], ...desktop, javaScriptEnabled: true } },
    { name: 'desktop-nojs', use: { ...devices['Desktop Chrome'], ...desktop, javaScriptEnabled: false } },
    { name: 'phone-js', use: { ...phone, javaScriptEnabled: true } },
    { name: 'phone-nojs', use: { ...phone, javaScriptEnabled: false } },
  ],
});
