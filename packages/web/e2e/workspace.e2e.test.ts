import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newLaptopPage } from './browser';

const baseUrl = inject('baseUrl');
const screenshotDir = inject('screenshotDir');
const PASSWORD = 'flowpilot-demo';
const PAGES = ['dashboard', 'data', 'demand', 'sop', 'mps', 'mrp', 'capacity', 'inventory', 'procurement', 'transport', 'warehouse', 'counting', 'returns', 'actions', 'lean', 'jobs', 'admin'] as const;
// Pages whose demo data may hold nothing yet (no job, count or improvement action before someone starts one).
const MAY_BE_EMPTY = new Set<string>(['jobs', 'counting', 'actions']);

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

async function signIn(role: string, language: 'en' | 'fr' = 'en'): Promise<{ page: Page; errors: string[] }> {
  const session = await newLaptopPage(browser, language);
  const { page } = session;
  await page.goto(`${baseUrl}/`);
  await page.getByLabel(language === 'fr' ? 'E-mail' : 'Email').fill(`${role}@jardinor.example`);
  await page.getByLabel(language === 'fr' ? 'Mot de passe' : 'Password').fill(PASSWORD);
  await page.getByRole('button', { name: language === 'fr' ? 'Se connecter' : 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor();
  await useLanguage(page, language);
  return session;
}

/** The demo users saved French, which applies at sign-in: switch (and save) the language a test reads in. */
async function useLanguage(page: Page, language: 'en' | 'fr'): Promise<void> {
  const select = page.getByTestId('language-switch');
  if ((await select.inputValue()) === language) return;
  await select.selectOption(language);
  await page.getByRole('button', { name: language === 'fr' ? 'Se déconnecter' : 'Sign out' }).waitFor();
}

/** Waits until no loading indicator is left (charts and grids drawn). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.state-loading').length === 0, undefined, { timeout: 60_000 });
  await page.waitForTimeout(300);
}

describe('flowpilot web app in Chromium', () => {
  it('refuses a wrong password with the server\'s message, then signs in and shows the dashboard', async () => {
    const { page, errors } = await newLaptopPage(browser);
    await page.goto(`${baseUrl}/`);
    await shot(page, '00-login');
    await page.getByLabel('Email').fill('planner@jardinor.example');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.length).toBeGreaterThan(5);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user').waitFor({ timeout: 60_000 });
    await useLanguage(page, 'en');
    await page.getByTestId('dashboard-kpis').waitFor({ timeout: 60_000 });
    expect((await page.getByTestId('current-user').textContent())?.toLowerCase()).toContain('planner');
    await settled(page);
    await shot(page, '01-dashboard');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('imports a file with a bad row: nothing is written and the row-level message is shown', async () => {
    const { page, errors } = await signIn('planner');
    await page.goto(`${baseUrl}/#/data`);
    const csv = [
      'code,name,item_type,uom_code,family_code,make_or_buy,standard_cost,sale_price,weight_kg,volume_m3,shelf_life_days,lead_time_days,safety_stock_qty,lot_size_rule,lot_size_qty,min_order_qty,order_multiple,yield_rate,planner_code,buyer_code,active',
      'E2E-OK-1,Article de test,component,EA,,buy,10.5,,1,0.001,,5,0,lot_for_lot,,1,1,1,,ACH-MARC,true',
      'E2E-BAD-2,Article faux,component,EA,,buy,not-a-number,,1,0.001,,5,0,lot_for_lot,,1,1,1,,ACH-MARC,true',
    ].join('\n');
    await page.getByTestId('import-files').setInputFiles({ name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-submit').click();
    const issues = page.getByTestId('import-issues');
    await issues.waitFor({ timeout: 60_000 });
    const text = (await issues.textContent()) ?? '';
    expect(text).toContain('items.csv');
    expect(text).toContain('standard_cost');
    expect(text).toContain('not-a-number');
    // the bad row is row 3 of the file (header = row 1)
    expect(await issues.locator('tr', { hasText: 'not-a-number' }).locator('td').nth(2).textContent()).toBe('3');
    expect(await page.getByTestId('import-report').textContent()).toContain('Nothing written');
    await settled(page);
    await shot(page, '02-data-import-error');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('runs the planning cycle, then shows planned orders and action messages', async () => {
    const { page, errors } = await signIn('planner');
    await page.getByTestId('run-cycle').click();
    // The cycle runs as a job: the button follows it (progress, cancel) until it ends.
    await page.getByTestId('cycle-progress').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('cancel-cycle').isVisible()).toBe(true);
    await page.getByTestId('cycle-progress').waitFor({ state: 'detached', timeout: 200_000 });
    expect(await page.getByTestId('cycle-status').textContent()).toMatch(/Planning cycle finished in|Cycle de planification terminé en/);
    // The jobs page lists it, succeeded, every step done.
    await page.goto(`${baseUrl}/#/jobs`);
    const cycleJob = page.getByTestId('jobs').locator('tbody tr', { hasText: 'job_planning_cycle_' }).first();
    await cycleJob.waitFor({ timeout: 60_000 });
    expect(await cycleJob.textContent()).toMatch(/(succeeded|réussi).*\(8\/8\)/);
    await shot(page, '03-jobs-planning-cycle');
    await page.goto(`${baseUrl}/#/mrp?tab=messages`);
    const messages = page.getByTestId('action-messages');
    await messages.waitFor({ timeout: 60_000 });
    expect(await messages.locator('tbody tr[data-index]').count()).toBeGreaterThan(0);
    await shot(page, '03-mrp-action-messages');
    await page.getByTestId('tab-orders').click();
    const orders = page.getByTestId('planned-orders');
    await orders.waitFor({ timeout: 60_000 });
    const firstOrder = orders.locator('tbody tr[data-index]').first();
    await firstOrder.click();
    await page.getByTestId('pegging').waitFor();
    // long lists are windowed: far fewer rows in the DOM than planned orders
    const total = Number((await page.getByText(/shown of/).textContent())?.replace(/\D+/g, ' ').trim().split(' ').pop());
    expect(total).toBeGreaterThan(100);
    expect(await orders.locator('tbody tr[data-index]').count()).toBeLessThan(total);
    await shot(page, '04-mrp-planned-orders-pegging');
    await page.getByTestId('tab-record').click();
    await page.getByTestId('record-item').fill('FG-IRRIG-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByTestId('mrp-record').waitFor({ timeout: 60_000 });
    await shot(page, '05-mrp-item-record');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lets a buyer approve a supplier\'s purchase proposals into a purchase order', async () => {
    const { page, errors } = await signIn('buyer');
    await page.goto(`${baseUrl}/#/procurement`);
    const suppliers = page.getByTestId('suppliers');
    await suppliers.waitFor({ timeout: 60_000 });
    const approve = suppliers.locator('button[data-testid^="approve-"]').first();
    const supplier = (await approve.getAttribute('data-testid'))!.replace('approve-', '');
    await approve.click();
    const feedback = page.getByTestId('procurement-feedback');
    await feedback.waitFor({ timeout: 60_000 });
    // Purchase order numbers come from the organization's sequence: PO-<year>-<6 digits>.
    expect(await feedback.textContent()).toMatch(/PO-\d{4}-\d{6}/);
    await settled(page);
    expect(await suppliers.locator('tr', { hasText: supplier }).textContent()).toContain('PO-');
    await shot(page, '06-procurement-approved');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('solves delivery routes and draws them over the customers\' coordinates', async () => {
    const { page, errors } = await signIn('transport');
    await page.goto(`${baseUrl}/#/transport`);
    await page.getByTestId('route-map').waitFor({ timeout: 60_000 });
    await page.getByTestId('solve-routes').click();
    const table = page.getByTestId('route-table');
    await table.waitFor({ timeout: 120_000 });
    expect(await table.locator('tbody tr[data-index]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('route-summary').textContent()).toContain('CO2');
    // the map is an SVG chart: route polylines are drawn
    expect(await page.getByTestId('route-map').locator('svg path').count()).toBeGreaterThan(3);
    await settled(page);
    await shot(page, '07-transport-routes');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  describe('an administrator', () => {
    let admin: { page: Page; errors: string[] };
    beforeAll(async () => {
      admin = await signIn('admin');
    });
    afterAll(async () => {
      await admin?.page.context().close();
    });

    it.each(PAGES.map((id, index) => [id, index] as const))('sees the %s page with real data and no error', async (id, index) => {
      const { page, errors } = admin;
      await page.goto(`${baseUrl}/#/${id}`);
      await page.locator('.page-header h1').waitFor({ timeout: 60_000 });
      await settled(page);
      const errorText = await page.locator('.state-error').allTextContents();
      expect(errorText, `${id} shows an error`).toEqual([]);
      if (!MAY_BE_EMPTY.has(id)) expect(await page.locator('.state-empty').count(), `${id} shows an empty state`).toBe(0);
      await shot(page, `1${String(index).padStart(2, '0')}-${id}`);
      expect(errors).toEqual([]);
    });

    it('fits a 1280×800 laptop: no page scrolls sideways, wide tables scroll in their own box with the item column in view', async () => {
      const { page, errors } = admin;
      await page.setViewportSize({ width: 1280, height: 800 });
      try {
        for (const id of PAGES) {
          await page.goto(`${baseUrl}/#/${id}`);
          await page.locator('.page-header h1').waitFor({ timeout: 60_000 });
          await settled(page);
          // <body> is no wider than the window, and nothing pokes out on the right except inside a box that scrolls
          const layout = await page.evaluate(() => {
            const width = document.documentElement.clientWidth;
            const scrollsSideways = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
            const outside = [...document.querySelectorAll('.content *')].filter((el) => {
              if (el.getBoundingClientRect().right <= width + 1) return false;
              for (let p = el.parentElement; p; p = p.parentElement) if (scrollsSideways(p)) return p.getBoundingClientRect().right > width + 1;
              return true;
            }).slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 40)}`);
            return { overflowPx: document.documentElement.scrollWidth - width, outside };
          });
          expect(layout, `${id} at 1280×800`).toEqual({ overflowPx: 0, outside: [] });
        }
        // demand: the 13-week total is in view without scrolling; scrolled sideways, the item column stays in view
        await page.goto(`${baseUrl}/#/demand`);
        await settled(page);
        const scroller = page.getByTestId('forecast-series').locator('.grid-scroll');
        const box = (await scroller.boundingBox())!;
        const total = (await page.getByTestId('forecast-series').locator('thead th').nth(2).boundingBox())!;
        expect(total.x + total.width).toBeLessThanOrEqual(box.x + box.width);
        await scroller.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
        expect(await scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
        const item = (await scroller.locator('tbody tr[data-index="0"] td').first().boundingBox())!;
        expect(Math.abs(item.x - box.x)).toBeLessThanOrEqual(2);
        await shot(page, '150-demand-1280x800');
      } finally {
        await page.setViewportSize({ width: 1366, height: 850 });
      }
      expect(errors).toEqual([]);
    });

    it('switches the whole UI to French, server messages included', async () => {
      const { page, errors } = admin;
      await page.goto(`${baseUrl}/#/dashboard`);
      await page.getByTestId('language-switch').selectOption('fr');
      await page.getByRole('link', { name: 'Tableau de bord' }).waitFor();
      expect(await page.getByRole('navigation').textContent()).toContain('Achats');
      await settled(page);
      expect(await page.getByTestId('dashboard-kpis').textContent()).toMatch(/Ordres planifiés/);
      await shot(page, '200-dashboard-fr');
      // the choice is remembered, and the server answers in French too (Accept-Language follows the switch)
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByLabel('Mot de passe').fill('mauvais-mot-de-passe');
      await page.getByLabel('E-mail').fill('admin@jardinor.example');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.textContent()).toBe('E-mail ou mot de passe incorrect.');
      await shot(page, '201-login-error-fr');
      expect(errors).toEqual([]);
    });
  });
});
