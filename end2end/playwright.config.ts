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

// A test meant for some projects only carries a tag: `@js` or `@nojs` (with
// or without JavaScript), or a project's name (`@phone-js`). The other
// projects leave it out instead of skipping it, so that scripts/test.sh can
// fail on any skipped test.
const PROJECTS = ['desktop-js', 'desktop-nojs', 'phone-js', 'phone-nojs'];
function leaveOut(project: string): RegExp[] {
  const others = PROJECTS.filter((p) => p !== project).join('|');
  const otherRendering = project.endsWith('-nojs') ? '@js' : '@nojs';
  return [new RegExp(`@(${others})(\\s|$)`), new RegExp(`${otherRendering}(\\s|$)`)];
}

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  // One retry: a test that fails twice fails the run; one that passes on its
  // retry is named in the summary of scripts/test.sh so that it gets fixed.
  retries: 1,
  reporter: [['list']],
  use: {
    baseURL: process.env.BASE_URL || 'http://127.0.0.1:3000',
    locale: 'fr-FR',
    trace: 'off',
  },
  projects: [
    { name: 'desktop-js', grepInvert: leaveOut('desktop-js'), use: { ...devices['Desktop Chrome'], ...desktop, javaScriptEnabled: true } },
    { name: 'desktop-nojs', grepInvert: leaveOut('desktop-nojs'), use: { ...devices['Desktop Chrome'], ...desktop, javaScriptEnabled: false } },
    { name: 'phone-js', grepInvert: leaveOut('phone-js'), use: { ...phone, javaScriptEnabled: true } },
    { name: 'phone-nojs', grepInvert: leaveOut('phone-nojs'), use: { ...phone, javaScriptEnabled: false } },
  ],
});
