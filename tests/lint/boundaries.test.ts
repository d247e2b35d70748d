// The architecture's import boundaries are enforced by lint; these cases prove the rules bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it.each([
    ["import { app } from 'electron';\nexport const a = app;\n", 'electron/core/inbox/x.ts'],
    [
      "import { startBrowserHost } from '../../browser-host/ws-host.ts';\nexport const a = startBrowserHost;\n",
      'electron/core/inbox/x.ts',
    ],
    [
      "import { bootCore } from '../../hosting/boot-core.ts';\nexport const a = bootCore;\n",
      'electron/core/inbox/x.ts',
    ],
    // The two hosts never import each other; what they share imports neither, nor electron, nor ws.
    [
      "import { startBrowserHost } from '../browser-host/ws-host.ts';\nexport const a = startBrowserHost;\n",
      'electron/main/x.ts',
    ],
    [
      "import { startDesktopApp } from '../main/desktop-app.ts';\nexport const a = startDesktopApp;\n",
      'electron/browser-host/x.ts',
    ],
    ["import { app } from 'electron';\nexport const a = app;\n", 'electron/browser-host/x.ts'],
    ["import { app } from 'electron';\nexport const a = app;\n", 'electron/hosting/x.ts'],
    ["import { WebSocketServer } from 'ws';\nexport const a = WebSocketServer;\n", 'electron/hosting/x.ts'],
    [
      "import { startBrowserHost } from '../browser-host/ws-host.ts';\nexport const a = startBrowserHost;\n",
      'electron/hosting/x.ts',
    ],
    ["import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n", 'shared/domain/x.ts'],
    ["import path from 'path';\nexport const a = path;\n", 'shared/contract/x.ts'],
    ["import React from 'react';\nexport const a = React;\n", 'shared/contract/x.ts'],
    ['export const a = window.location;\n', 'shared/domain/x.ts'],
    ["import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", 'renderer/src/x.ts'],
    ["import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n", 'renderer/src/x.ts'],
    [
      "import { createCore } from '../../electron/core/create-core.ts';\nexport const a = createCore;\n",
      'renderer/src/x.ts',
    ],
    ['export const a = process.env;\n', 'renderer/src/x.ts'],
  ])('flags %j in %s', async (code, filePath) => {
    const ids = await ruleIds(code, filePath);
    expect(ids.some((id) => id === 'no-restricted-imports' || id === 'no-restricted-globals')).toBe(true);
  });

  it.each([
    ["import { z } from 'zod';\nexport const a = z;\n", 'shared/contract/x.ts'],
    ["import { randomUUID } from 'node:crypto';\nexport const a = randomUUID;\n", 'electron/core/inbox/x.ts'],
    ["import { app } from 'electron';\nexport const a = app;\n", 'electron/main/x.ts'],
    ["import { bootCore } from '../hosting/boot-core.ts';\nexport const a = bootCore;\n", 'electron/main/x.ts'],
    ["import { bootCore } from '../hosting/boot-core.ts';\nexport const a = bootCore;\n", 'electron/browser-host/x.ts'],
  ])('allows %j in %s', async (code, filePath) => {
    expect(await ruleIds(code, filePath)).toEqual([]);
  });
});
