import { expect, inject, it } from 'vitest';

it('the page pond brought up is served', async () => {
  const res = await fetch(inject('webUrl'));
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('served by pond for the test suite');
});
