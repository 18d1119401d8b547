import { chromium } from 'playwright-core';
const [url, out, w, h, ...keys] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const p = await b.newPage({ viewport: { width: Number(w||1280), height: Number(h||720) } });
await p.goto(url); await p.waitForTimeout(1500);
for (const k of keys) { await p.keyboard.press(k); await p.waitForTimeout(600); }
await p.screenshot({ path: out });
await b.close();
