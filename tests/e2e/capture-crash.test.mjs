// The server dies between storing an ASTM message and acknowledging it (fault injection:
// ASSAY_TEST_CRASH_BEFORE_ACK=1 makes assayd exit the moment the message is stored). The
// instrument never got its ACK, so it sends the message again when the server is back; the
// listener comes back on the same port by itself (and the folder watch too), and the
// retransmission yields exactly one run with one result (R20: stored before the ACK; the same
// content is the same run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './support/server.mjs';
import { labDate, call } from './support/api.mjs';
import { leadLab, login } from './support/lab.mjs';

const STX = '\x02', ETX = '\x03', EOT = '\x04', ENQ = '\x05', ETB = '\x17';
const ACK = 0x06;

function frame(n, text, last) {
  const body = `${n % 8}${text}${last ? ETX : ETB}`;
  let sum = 0;
  for (const b of Buffer.from(body, 'latin1')) sum = (sum + b) & 0xff;
  return `${STX}${body}${sum.toString(16).toUpperCase().padStart(2, '0')}\r\n`;
}

// The instrument side: sends ENQ and each frame, waiting for the one-byte reply to each.
// Resolves to the replies; 'closed' when the connection ended before a reply came.
function session(port, frames) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const replies = [];
    const queue = [ENQ, ...frames];
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no reply within 15 s after ${replies.length} replies`)); }, 15_000);
    const finish = () => { clearTimeout(timer); resolve(replies); };
    socket.on('connect', () => socket.write(queue.shift(), 'latin1'));
    socket.on('data', (data) => {
      for (const b of data) {
        replies.push(b);
        if (b !== ACK) { socket.end(); return finish(); }
        if (queue.length === 0) { socket.end(EOT, 'latin1'); return finish(); }
        socket.write(queue.shift(), 'latin1');
      }
    });
    socket.on('error', () => { replies.push('closed'); finish(); });
    socket.on('close', () => { if (replies.length <= frames.length) { replies.push('closed'); finish(); } });
  });
}

test('a_message_stored_but_not_acked_before_a_crash_is_one_result_after_the_instruments_retransmission', { timeout: 120_000 }, async () => {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'assay-crash-'));
  try {
    let server = await startServer({ dir, env: { ASSAY_TEST_CRASH_BEFORE_ACK: '1' } });
    const { customer, users, manager: m, lead, method } = await leadLab(server.baseUrl, [
      { username: 'tech.li', name: '李明', role: 'technician', password: 'Tech-pw-2026', activity: 'perform', idNumber: '440106199001100019' }]);
    const tech = await login(server.baseUrl, 'tech.li', 'Tech-pw-2026');
    const order = await call(server.baseUrl, tech, 'POST', '/api/orders', { customer_org_id: customer.id, contact: { name: '何丽' },
      site: '天河实验室', due_date: labDate(10), report: { marks: ['CMA'], language: 'zh' },
      samples: [{ name: '大米', product_category: '粮食及其制品', items: [{ parameter_id: lead.id, method_id: method.id }] }] });
    const reviewed = await call(server.baseUrl, tech, 'POST', `/api/orders/${order.data.code}/review`, {}, { 'If-Match': order.etag });
    await call(server.baseUrl, tech, 'POST', `/api/orders/${order.data.code}/accept`, undefined, { 'If-Match': reviewed.etag });
    const item = (await call(server.baseUrl, tech, 'POST', '/api/testing/items', { order_code: order.data.code })).data.items[0];
    const got = await call(server.baseUrl, tech, 'GET', `/api/testing/items/${item.id}`);
    await call(server.baseUrl, tech, 'POST', `/api/testing/items/${item.id}/assign`, { user_id: users['tech.li'], test_date: labDate(0) },
      { 'If-Match': got.etag });
    const equipment = (await call(server.baseUrl, m, 'GET', '/api/equipment')).data.items[0];
    const instrument = (await call(server.baseUrl, m, 'POST', '/api/capture/instruments', { name: 'AAS 1', equipment_id: equipment.id,
      driver: 'astm', profile: { test_code_component: 4 }, analytes: { Pb: lead.id } })).data;
    const { port } = (await call(server.baseUrl, m, 'POST', `/api/capture/instruments/${instrument.id}/listener`, { port: 0 })).data;
    const icp = (await call(server.baseUrl, m, 'POST', '/api/capture/instruments', { name: 'ICP-OES 1', equipment_id: equipment.id,
      driver: 'winlab32', analytes: { Pb: lead.id } })).data;
    const watched = (await call(server.baseUrl, m, 'POST', `/api/capture/instruments/${icp.id}/folder`, { folder: 'icp1', interval_ms: 200 })).data;

    const text = `H|\\^&|||PinAAcle 900T\rP|1\rO|1|${item.sample_code}||^^^Pb|R\rR|1|^^^Pb|0.0123|mg/kg||N||F\rL|1|N\r`;
    const frames = [];
    for (let k = 0, n = 1; k < text.length; k += 40, n++) frames.push(frame(n, text.slice(k, k + 40), k + 40 >= text.length));
    assert.ok(frames.length >= 3, 'the message is split over several frames (ETB)');

    // First attempt: every frame but the last is ACKed; the last is stored, then the server dies.
    const first = await session(port, frames);
    assert.deepEqual(first.slice(0, frames.length), Array(frames.length).fill(ACK), 'ENQ and the frames before the last are ACKed');
    assert.equal(first[frames.length], 'closed', 'no ACK for the last frame: the server died after storing it');
    const died = await server.exited;
    assert.equal(died.code, 86, 'the fault injection ended the server');
    await server.stop();

    // The server comes back (no fault injection); the listener is started again on its port.
    server = await startServer({ dir });
    const manager = await login(server.baseUrl, 'manager.liu', 'Manager-pw-2026');
    const technician = await login(server.baseUrl, 'tech.li', 'Tech-pw-2026');
    const listeners = (await call(server.baseUrl, manager, 'GET', '/api/capture/listeners')).data.items;
    assert.equal(listeners.length, 1);
    assert.equal(listeners[0].port, port);
    const folders = (await call(server.baseUrl, manager, 'GET', '/api/capture/folders')).data.items;
    assert.deepEqual(folders.map((f) => f.path), [watched.path], 'the watched folder is watched again too');

    // The instrument retransmits the whole message: this time every frame is ACKed.
    const second = await session(port, frames);
    assert.deepEqual(second, Array(frames.length + 1).fill(ACK));
    const runs = (await call(server.baseUrl, technician, 'GET', '/api/capture/runs')).data.items;
    assert.equal(runs.length, 1, 'one run: the retransmission is the stored message');
    const run = (await call(server.baseUrl, technician, 'GET', `/api/capture/runs/${runs[0].id}`)).data;
    assert.equal(run.staged.length, 1, 'one reading');
    assert.equal(run.staged[0].sample_code, item.sample_code);
    assert.equal(run.staged[0].value, '0.0123');
    assert.equal(run.staged[0].status, 'staged');
    await server.stop();
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
});
