import { describe, expect, it } from 'vitest';
import { nodeVersionNote } from '../../electron/launch/nodeVersion.mjs';

// `npm start` against package.json's engines (issue 15 item 25): outside them it stops and names
// the version to install; on the tested Node 20 it explains npm's EBADENGINE warning.
describe('npm start and the Node.js in use', () => {
  it.each(['18.20.4', '20.18.1', '21.7.3', '22.11.0'])('refuses %s, naming Node.js 22 LTS', (v) => {
    const note = nodeVersionNote(v);
    expect(note?.refuse).toBe(true);
    expect(note?.message).toContain('请安装 Node.js 22 LTS');
  });
  it.each(['20.19.0', '20.20.2'])('runs on %s and says why npm warned', (v) => {
    expect(nodeVersionNote(v)).toMatchObject({ refuse: false });
    expect(nodeVersionNote(v)?.message).toContain('EBADENGINE');
  });
  it.each(['22.12.0', '24.1.0', 'v22.20.0'])('runs on %s without a word', (v) => {
    expect(nodeVersionNote(v)).toBeNull();
  });
});
