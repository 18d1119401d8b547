import { chromium } from 'playwright-core';
const [url, out, w, h, dark] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const p = await b.newPage({ viewport: { width: Number(w), height: Number(h) }, colorScheme: dark ? 'dark' : 'light' });
await p.goto(url); await p.waitForTimeout(1000);
await p.screenshot({ path: out });
await b.close();
