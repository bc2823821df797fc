/**
 * The simulator's staff console in a real headless browser (Debian's chromium driven by
 * playwright-core): the page lists the demo queues, and clicking a ticket's buttons changes it in
 * the simulator and on the page. Independent of n8n, so it runs once per e2e run.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { startSimulator, DEMO_QUEUE_IDS } from '../../simulator';
import { addStaffConsole } from '../../simulator/console';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags a headless CI browser needs; Playwright adds --headless and a fresh profile itself. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function clickAndSee(page: Page, ticketId: string, button: string, status: string): Promise<void> {
	const row = page.locator(`tr[data-ticket="${ticketId}"]`);
	await row.getByRole('button', { name: button, exact: true }).click();
	await row.locator('td.status', { hasText: status }).waitFor({ timeout: 10_000 });
}

export async function checkStaffConsole(): Promise<void> {
	assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
	const sim = await startSimulator({ demo: true });
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
	try {
		const page = await browser.newPage();
		await page.goto(addStaffConsole(sim));
		await page.getByRole('heading', { name: /Front Desk/ }).waitFor({ timeout: 10_000 });
		await page.getByRole('heading', { name: /Pharmacy/ }).waitFor();

		const waiting = sim.store.listPositions(DEMO_QUEUE_IDS.frontDesk).find((position) => position.status === 'pending');
		assert.ok(waiting, 'the demo has a waiting ticket');
		await clickAndSee(page, waiting.id, 'call', 'notified');
		assert.equal(sim.store.getPosition(DEMO_QUEUE_IDS.frontDesk, waiting.id)?.status, 'notified');
		await clickAndSee(page, waiting.id, 'check in', 'fulfilled');
		await clickAndSee(page, waiting.id, 'complete', 'completed');
		assert.equal(await page.locator(`tr[data-ticket="${waiting.id}"] button`).count(), 0, 'a completed ticket offers no staff action');

		// A change made elsewhere shows up on the next poll.
		const other = sim.store.listPositions(DEMO_QUEUE_IDS.frontDesk).find((position) => position.status === 'pending');
		assert.ok(other);
		sim.staff.reject(DEMO_QUEUE_IDS.frontDesk, other.id);
		await page.locator(`tr[data-ticket="${other.id}"] td.status`, { hasText: 'rejected' }).waitFor({ timeout: 10_000 });
	} finally {
		await browser.close();
		await sim.close();
	}
}
