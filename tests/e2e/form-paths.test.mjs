// A form never shows the API's field paths (samples[0].items, rows[0].reason): a problem is shown beside
// the field it names, found by the path's last name too, and one with no field here in words only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAssay } from './support/harness.mjs';

test('a_forms_problems_go_beside_their_fields_by_path_and_the_rest_never_show_an_api_field_path', { timeout: 60_000 }, () =>
  withAssay('form-paths', async ({ page, baseUrl }) => {
    await page.goto(baseUrl);
    await page.getByTestId('username').waitFor();
    const out = await page.evaluate(async () => {
      const { form } = await import('/widgets.js');
      const { ApiError } = await import('/api.js');
      const el = form('probe', [{ name: 'reason', label: '原因' }, { name: 'method', label: '处置方式' }], '提交', async () => {
        throw new ApiError(400, { status: 400, detail: '请求中有内容填写有误', errors: [
          { field: 'rows[0].reason', problem: 'required' }, { field: 'items[2].method', problem: '不能为空' },
          { field: 'samples[0].items', problem: 'required' }] });
      });
      document.body.append(el);
      el.querySelector('[data-testid=probe-submit]').click();
      await new Promise((r) => setTimeout(r, 50));
      return {
        reason: el.querySelector('#probe-reason-error').textContent, method: el.querySelector('#probe-method-error').textContent,
        box: el.querySelector('[data-testid=probe-error]').textContent,
      };
    });
    assert.equal(out.reason, '必填');
    assert.equal(out.method, '不能为空');
    assert.match(out.box, /必填/);
    assert.doesNotMatch(out.box, /samples\[|rows\[|items\[/);
  }));
