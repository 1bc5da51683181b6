import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createWebHost } from '../../electron/web/server';
import { openTestOffice, type TestOffice } from './harness';

export interface WebHostFixture {
  office: TestOffice;
  port: number;
}

/**
 * A test office served by the browser host on a free loopback port, with a stand-in page, for the
 * tests in the calling file; the fixture's fields are filled before its first test runs.
 */
export function useWebHost(options: { maxUploadBytes?: number } = {}): WebHostFixture {
  const fixture = { port: 0 } as WebHostFixture;
  let server: ReturnType<typeof createWebHost>;
  beforeAll(async () => {
    fixture.office = await openTestOffice();
    const staticDir = join(fixture.office.dataDir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>乡村振兴台账</title>');
    server = createWebHost({ core: fixture.office.core, staticDir, ...options });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fixture.port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await fixture.office.close();
  });
  return fixture;
}
