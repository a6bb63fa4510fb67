import { it } from 'vitest';
import { buildTestApp } from '../helpers/build-app.js';

it('explore', async () => {
  let s = Date.now();
  const t = await buildTestApp();
  console.log('build', Date.now() - s); s = Date.now();
  const admin = await t.signInAdmin();
  console.log('signin', Date.now() - s); s = Date.now();
  const r1 = await t.request({ method: 'POST', url: '/api/v1/session', payload: { email: 'a@x.io', password: 'x' } });
  console.log('signin unknown', Date.now() - s, r1.statusCode); s = Date.now();
  const deep = '['.repeat(30000) + ']'.repeat(30000);
  const r6 = await t.request({ method: 'POST', url: '/api/admin/v1/consumers', headers: { cookie: admin, 'content-type': 'application/json' }, payload: deep });
  console.log('deep', Date.now() - s, r6.statusCode); s = Date.now();
  const r7 = await t.request({ method: 'POST', url: '/api/admin/v1/consumers', headers: { cookie: admin }, payload: { firstName: 'A', lastName: 'B', email: 'q@x.io', country: 'FR' } });
  console.log('create', Date.now() - s, r7.statusCode); s = Date.now();
  await t.close();
  console.log('close', Date.now() - s);
});
