import { chromium } from 'playwright-core';
const [url, out, sel, w] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const p = await b.newPage({ viewport: { width: Number(w||1280), height: 800 } });
await p.goto(url); await p.waitForTimeout(800);
await p.locator(sel).first().scrollIntoViewIfNeeded();
await p.locator(sel).first().screenshot({ path: out });
await b.close();
