// The whole working day in the web UI only, on the demo lab, in Chinese (with every screen scanned for English): support/day.mjs.
import { test } from 'node:test';
import { withAssay } from './support/harness.mjs';
import { demoLab } from './support/demo.mjs';
import { walkDay } from './support/day.mjs';

test('a_working_day_zh_from_the_order_to_the_verified_report_through_the_ui_only', { timeout: 240_000 }, async () => {
  const demo = await demoLab();
  try {
    await withAssay('day-zh', ({ page, baseUrl }) => walkDay({ page, baseUrl, lang: 'zh-CN' }), demo);
  } finally {
    await demo.remove();
  }
});
