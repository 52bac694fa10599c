// The whole working day in the web UI only, on the demo lab, in English: support/day.mjs.
import { test } from 'node:test';
import { withAssay } from './support/harness.mjs';
import { demoLab } from './support/demo.mjs';
import { walkDay } from './support/day.mjs';

test('a_working_day_en_from_the_order_to_the_verified_report_through_the_ui_only', { timeout: 240_000 }, async () => {
  const demo = await demoLab();
  try {
    await withAssay('day-en', ({ page, baseUrl }) => walkDay({ page, baseUrl, lang: 'en' }), demo);
  } finally {
    await demo.remove();
  }
});
