// The browser tests find a browser wherever the machine has one, and without one fail at once with one sentence.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../support/browser.ts';
import { makeTempDir } from '../support/core-fixture.ts';

const nothing = () => false;

describe('finding the test browser', () => {
  it('uses CHROMIUM_PATH when it is set, and only that', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' }, (p) => p === '/opt/chrome/chrome')).toEqual({
      ok: true,
      path: '/opt/chrome/chrome',
    });
    const wrong = findChromium({ CHROMIUM_PATH: '/opt/none' }, (p) => p === '/usr/bin/chromium');
    expect(wrong).toEqual({ ok: false, message: expect.stringContaining('CHROMIUM_PATH is set to /opt/none') });
  });

  it("prefers the system's Chromium, then Chrome", () => {
    expect(findChromium({}, (p) => p === '/usr/bin/chromium' || p === '/usr/bin/google-chrome')).toEqual({
      ok: true,
      path: '/usr/bin/chromium',
    });
    expect(findChromium({}, (p) => p === '/usr/bin/google-chrome-stable')).toEqual({
      ok: true,
      path: '/usr/bin/google-chrome-stable',
    });
  });

  it("falls back to the newest build in Playwright's own cache", async () => {
    const cache = await makeTempDir('pw-cache-');
    for (const build of ['chromium-1100', 'chromium-1208', 'firefox-1400']) {
      await mkdir(join(cache, build, 'chrome-linux64'), { recursive: true });
      await writeFile(join(cache, build, 'chrome-linux64', 'chrome'), '');
    }
    const onlyCache = (p: string) => p.startsWith(cache) && !p.includes('firefox');
    expect(
      findChromium(
        { PLAYWRIGHT_BROWSERS_PATH: cache },
        (p) => onlyCache(p) && (p.includes('1100') || p.includes('1208')),
      ),
    ).toEqual({
      ok: true,
      path: join(cache, 'chromium-1208', 'chrome-linux64', 'chrome'),
    });
  });

  it('names what to install when there is no browser at all', () => {
    const lookup = findChromium({ PLAYWRIGHT_BROWSERS_PATH: '/nonexistent' }, nothing);
    expect(lookup.ok).toBe(false);
    if (lookup.ok) return;
    expect(lookup.message).toMatch(/apt install chromium/);
    expect(lookup.message.split('\n')).toHaveLength(1);
  });
});
