import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { chooseLanguage, settled, shot, signInAs } from './work-session';

const baseUrl = inject('baseUrl');
const screenshotDir = inject('screenshotDir');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('day-to-day work in Chromium: counts, returns, overrides, scenarios, language', () => {
  it('opens in the language the user saved (the demo users saved French), and the switch saves a new one', async () => {
    const { page, errors } = await signInAs(browser, baseUrl, 'viewer');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('language-switch').inputValue()).toBe('fr');
    await chooseLanguage(page, 'en');
    await page.getByRole('button', { name: 'Sign out' }).click();
    // the next sign-in opens in English: the switch saved it on the user
    await page.getByLabel('Email').fill('viewer@jardinor.example');
    await page.getByLabel('Password').fill('flowpilot-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('language-switch').inputValue()).toBe('en');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('enters a blind count: the sheet shows where and what to count, never the book quantity', async () => {
    const { page, errors } = await signInAs(browser, baseUrl, 'warehouse');
    await chooseLanguage(page, 'en');
    await page.goto(`${baseUrl}/#/counting`);
    await page.getByTestId('count-location').fill('WH-PAR');
    await page.getByTestId('count-start-submit').click();
    const sheet = page.getByTestId('count-sheet');
    await sheet.waitFor({ timeout: 60_000 });
    const headers = await sheet.locator('thead th').allTextContents();
    expect(headers).toContain('Counted');
    expect(headers.join(' ')).not.toMatch(/Book|Expected|On hand/);
    await shot(page, screenshotDir, '300-counting-blind-sheet');
    const inputs = sheet.locator('input[type="number"]');
    const lines = await inputs.count();
    expect(lines).toBeGreaterThan(0);
    await inputs.nth(0).fill('1');
    if (lines > 1) await inputs.nth(1).fill('2');
    await page.getByTestId('count-save').click();
    const message = page.getByTestId('count-message');
    await message.waitFor({ timeout: 60_000 });
    expect(await message.textContent()).toMatch(new RegExp(`^${Math.min(lines, 2)} line\\(s\\) saved, ${lines - Math.min(lines, 2)} left\\.`));
    await settled(page);
    await shot(page, screenshotDir, '301-counting-entered');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('plans and counts only chosen items, found by search or pasted; an unknown code is refused by name', async () => {
    const { page, errors } = await signInAs(browser, baseUrl, 'warehouse');
    await chooseLanguage(page, 'en');
    await page.goto(`${baseUrl}/#/counting`);
    const planForm = page.getByRole('form', { name: 'Plan the counts' });
    await planForm.getByLabel('Find an item').fill('FG-IRRIG-01');
    await planForm.getByRole('button', { name: /^Add FG-IRRIG-01 / }).click();
    await planForm.getByLabel('or paste codes').fill('FG-IRRIG-02\nNO-SUCH-ITEM');
    await planForm.getByRole('button', { name: 'Add the codes' }).click();
    expect(await page.getByTestId('plan-items-count').textContent()).toBe('3 item(s) chosen:');
    await page.getByTestId('count-plan-submit').click();
    const result = page.getByTestId('count-plan-result');
    await expect.poll(() => result.textContent(), { timeout: 60_000 }).toBe('Item NO-SUCH-ITEM does not exist: check the code.');
    await planForm.getByRole('button', { name: 'Remove NO-SUCH-ITEM' }).click();
    await page.getByTestId('count-plan-submit').click();
    await expect.poll(() => result.textContent(), { timeout: 60_000 }).toMatch(/^Plan CP-\S+: \d+ counts scheduled from /);
    await shot(page, screenshotDir, '302-counting-plan-chosen-items');

    // a count of two pasted items at another location than the full count above: the sheet lists only them
    const startForm = page.getByRole('form', { name: 'Start a count (count sheet)' });
    await page.getByTestId('count-location').fill('WH-LYO');
    await startForm.getByLabel('or paste codes').fill('FG-IRRIG-01 FG-IRRIG-02');
    await startForm.getByRole('button', { name: 'Add the codes' }).click();
    await page.getByTestId('count-start-submit').click();
    const sheet = page.getByTestId('count-sheet');
    await sheet.waitFor({ timeout: 60_000 });
    const items = await sheet.locator('tbody tr td:nth-child(3)').allTextContents();
    expect([...new Set(items)].sort()).toEqual(['FG-IRRIG-01', 'FG-IRRIG-02']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('receives, inspects and restocks an authorised return', async () => {
    const { page, errors } = await signInAs(browser, baseUrl, 'warehouse');
    await chooseLanguage(page, 'en');
    await page.goto(`${baseUrl}/#/returns`);
    const list = page.getByTestId('returns');
    await list.waitFor({ timeout: 60_000 });
    const authorised = list.locator('tbody tr[data-index]', { hasText: 'authorised' }).first();
    const rma = (await authorised.locator('td').first().textContent())!.trim();
    await authorised.click();
    await page.getByTestId('return-receive').click();
    const message = page.getByTestId('return-message');
    await page.getByText(`Return ${rma} received into quarantine.`).waitFor({ timeout: 30_000 });
    await page.getByTestId('return-result').selectOption('as_new');
    await page.getByTestId('return-inspect').click();
    await page.getByText(`Return ${rma} inspected.`).waitFor({ timeout: 30_000 });
    await page.getByTestId('return-disposition').selectOption('restock');
    await page.getByTestId('return-dispose').click();
    await page.getByText(`Return ${rma} disposed of and closed.`).waitFor({ timeout: 30_000 });
    expect(await message.textContent()).toContain(rma);
    // The detail and the list reload after the answer: wait for them rather than read them at once.
    await page.getByTestId('return-detail').filter({ hasText: 'restock' }).waitFor({ timeout: 30_000 });
    await settled(page);
    await list.locator('tr', { hasText: rma }).filter({ hasText: 'closed' }).waitFor({ timeout: 30_000 });
    await shot(page, screenshotDir, '302-returns-disposed');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('saves a judgmental forecast override with its reason, shown with the author', async () => {
    const { page, errors } = await signInAs(browser, baseUrl, 'planner');
    await chooseLanguage(page, 'en');
    await page.goto(`${baseUrl}/#/demand`);
    await page.getByTestId('override-quantity').waitFor({ timeout: 60_000 });
    await page.getByTestId('override-quantity').fill('123');
    await page.getByTestId('override-reason').fill('E2E trade fair order');
    await page.getByTestId('override-save').click();
    await page.getByTestId('override-message').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('override-message').textContent()).toContain('Override saved');
    const row = page.getByTestId('forecast-overrides').locator('tr', { hasText: 'E2E trade fair order' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('planner@jardinor.example');
    expect(await row.textContent()).toContain('123');
    await settled(page);
    await shot(page, screenshotDir, '303-demand-override');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('runs an S&OP what-if with +10 % demand, keeps it and compares its costs with the base plan', async () => {
    const { page, errors } = await signInAs(browser, baseUrl, 'planner');
    await chooseLanguage(page, 'en');
    await page.goto(`${baseUrl}/#/sop`);
    await page.getByTestId('scenario-name').waitFor({ timeout: 60_000 });
    await page.getByTestId('scenario-name').fill('E2E demand +10 %');
    await page.getByTestId('scenario-demand').fill('110');
    await page.getByTestId('scenario-run').click();
    const message = page.getByTestId('scenario-message');
    await message.waitFor({ timeout: 120_000 });
    expect(await message.textContent()).toContain('Scenario E2E demand +10 % kept');
    const table = page.getByTestId('scenario-comparison');
    await table.locator('th', { hasText: 'E2E demand +10 %' }).waitFor({ timeout: 30_000 });
    expect(await table.locator('thead th').first().textContent()).toBe('Cost line');
    expect(await table.locator('thead th').nth(1).textContent()).toContain('Base');
    await settled(page);
    await shot(page, screenshotDir, '304-sop-scenario');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
