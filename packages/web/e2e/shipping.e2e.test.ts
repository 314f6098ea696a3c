import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { chooseLanguage, settled, shot, signInAs } from './work-session';

const baseUrl = inject('baseUrl');
const screenshotDir = inject('screenshotDir');
const DEMO = resolve(import.meta.dirname, '../../../examples/demo-company');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Open demo order lines at a warehouse (nothing shipped yet), from the demo company's CSV the server imported. */
function openLinesAt(warehouseCode: string): { orderNumber: string; lineNumber: number }[] {
  const [, ...rows] = readFileSync(resolve(DEMO, 'sales_order_lines.csv'), 'utf8').trim().split('\n');
  return rows.map((row) => row.split(',')).filter((c) => c[3] === warehouseCode && c[5] === '0').map((c) => ({ orderNumber: c[0]!, lineNumber: Number(c[1]) }));
}

/** Creates a planned shipment through the API in the signed-in user's session (cookie + CSRF token); the first order line that has stock to pick. */
async function createPlannedShipment(page: Page, shipmentNumber: string): Promise<string> {
  const candidates = openLinesAt('WH-PAR').slice(0, 40);
  const outcome = await page.evaluate(async ({ candidates, shipmentNumber }) => {
    const session = await (await fetch('/api/v1/auth/session', { credentials: 'same-origin' })).json() as { csrfToken: string };
    const tried: string[] = [];
    for (const line of candidates) {
      const response = await fetch('/api/v1/shipments', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': session.csrfToken },
        // the demo organization keeps no GS1 Company Prefix: the test passes one (a GS1 example prefix) for the SSCCs
        body: JSON.stringify({ warehouseCode: 'WH-PAR', shipmentNumber, packageType: 'pallet', companyPrefix: '0614141', lines: [{ ...line, quantity: 1 }] }),
      });
      if (response.status === 201) return { created: `${line.orderNumber}/${line.lineNumber}`, tried };
      tried.push(`${line.orderNumber}/${line.lineNumber}: ${response.status} ${await response.text()}`);
    }
    return { created: null, tried };
  }, { candidates, shipmentNumber });
  if (!outcome.created) throw new Error(`no demo order line could be shipped:\n${outcome.tried.join('\n')}`);
  return outcome.created;
}

describe('procurement and shipping in Chromium: partial approval, load picture', () => {
  it('lets a buyer tick one proposal line and approve only it into a purchase order', async () => {
    const { page, errors } = await signInAs(browser, baseUrl, 'buyer');
    await chooseLanguage(page, 'en');
    await page.goto(`${baseUrl}/#/procurement`);
    const lines = page.getByTestId('proposal-lines');
    await lines.waitFor({ timeout: 60_000 });
    const box = lines.locator('tbody input[type="checkbox"]:not([disabled])').first();
    const label = (await box.getAttribute('aria-label'))!;
    const openBefore = await lines.locator('tbody input[type="checkbox"]:not([disabled])').count();
    await box.check();
    expect(await page.getByTestId('approve-ticked').textContent()).toBe('Approve the selected lines (1)');
    await page.getByTestId('approve-ticked').click();
    const feedback = page.getByTestId('procurement-feedback');
    await feedback.waitFor({ timeout: 60_000 });
    // one purchase order of one line, numbered from the organization's sequence: PO-<year>-<6 digits>
    expect(await feedback.textContent()).toMatch(/^Purchase orders created: PO-\d{4}-\d{6} \(\S+, 1 line\(s\)\)\.$/);
    const number = /PO-\d{4}-\d{6}/.exec((await feedback.textContent())!)![0];
    await settled(page);
    const row = page.getByLabel(label, { exact: true }).locator('xpath=ancestor::tr');
    await row.filter({ hasText: number }).waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('class')).toContain('decided');
    expect(await page.getByLabel(label, { exact: true }).isDisabled()).toBe(true);
    // the other lines stay proposed (windowed grid: count what is drawn)
    expect(await lines.locator('tbody input[type="checkbox"]:not([disabled])').count()).toBeGreaterThanOrEqual(Math.min(openBefore - 1, 1));
    await shot(page, screenshotDir, '20-procurement-partial-approval');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('draws the 3D load of a planned shipment on a vehicle', async () => {
    const { page, errors } = await signInAs(browser, baseUrl, 'warehouse');
    await chooseLanguage(page, 'en');
    await createPlannedShipment(page, 'SH-E2E-LOAD');
    await page.goto(`${baseUrl}/#/transport?tab=load`);
    const list = page.getByTestId('load-shipments');
    await list.waitFor({ timeout: 60_000 });
    await list.getByLabel(/SH-E2E-LOAD/).check();
    await page.getByTestId('load-vehicle').selectOption('VH-PAR-1');
    await page.getByTestId('preview-load').click();
    const picture = page.getByTestId('shipment-load-picture');
    await picture.waitFor({ timeout: 60_000 });
    expect(decodeURIComponent((await picture.getAttribute('src'))!)).toContain('VH-PAR-1: SH-E2E-LOAD');
    const result = page.getByTestId('shipment-load-result');
    expect(await result.textContent()).toContain('1. SH-E2E-LOAD');
    expect(await result.textContent()).toContain('all loaded');
    await settled(page);
    await shot(page, screenshotDir, '21-shipment-load-picture');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
