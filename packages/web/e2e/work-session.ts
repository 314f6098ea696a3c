import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { newLaptopPage } from './browser';

export const DEMO_PASSWORD = 'flowpilot-demo';

/** Signs a demo user in from the English sign-in screen; the UI then opens in the language the user saved. */
export async function signInAs(browser: Browser, baseUrl: string, role: string): Promise<{ page: Page; errors: string[] }> {
  const session = await newLaptopPage(browser, 'en');
  const { page } = session;
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(`${role}@jardinor.example`);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor({ timeout: 60_000 });
  return session;
}

/** Chooses (and saves) a language with the switch, waiting for the UI to follow. */
export async function chooseLanguage(page: Page, language: 'en' | 'fr'): Promise<void> {
  const select = page.getByTestId('language-switch');
  if ((await select.inputValue()) === language) return;
  await select.selectOption(language);
  await page.getByRole('button', { name: language === 'fr' ? 'Se déconnecter' : 'Sign out' }).waitFor();
}

/** Waits until no loading indicator is left (charts and grids drawn). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.state-loading').length === 0, undefined, { timeout: 60_000 });
  await page.waitForTimeout(300);
}

export async function shot(page: Page, screenshotDir: string, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
