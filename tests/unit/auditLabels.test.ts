import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/contract';
import { auditFeatures, channelLabel, channelLabels } from '../../renderer/src/features/audit/channelLabels';

// 操作日志's 功能 column names each row's channel in Chinese. These walk the label table against
// the contract and the core's own audit writers, so a new channel without words fails here and
// never shows up as "帮扶措施 · forCase" or "seed.monitoring".

const labels = channelLabels as Record<string, string | undefined>;
const electronDir = fileURLToPath(new URL('../../electron', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

// Read-only channels that still write a row: the first look at a case's plan loads the catalog.
const readingChannelsThatWrite = ['measures.forCase'];

describe('操作日志 labels', () => {
  it('every channel that changes data has a Chinese label', () => {
    const missing = Object.entries(channels)
      .filter(([name, def]) => (def.mutates || readingChannelsThatWrite.includes(name)) && !labels[name])
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('every channel name the core writes by hand (seeding, the command line) has a label', () => {
    const written = new Set(sources(electronDir).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/channel: '([a-zA-Z]+\.[a-zA-Z]+)'/g)].map((m) => m[1]!)));
    expect(written.size).toBeGreaterThan(0);
    expect([...written].filter((c) => !labels[c])).toEqual([]);
  });

  it('every feature with changing channels is offered in the 功能 filter', () => {
    const features = new Set(auditFeatures.map((f) => f.value as string));
    const missing = [...new Set(Object.entries(channels).filter(([, d]) => d.mutates).map(([n]) => n.split('.')[0]!))].filter((f) => !features.has(f));
    expect(missing).toEqual([]);
  });

  it('labels are Chinese, and an unknown channel never shows its English verb', () => {
    for (const [name, label] of Object.entries(labels)) expect(label, name).toMatch(/^[\u4e00-\u9fff（）/、\s]+$/);
    expect(channelLabel('measures.someNewVerb')).toBe('帮扶措施（其他操作）');
    expect(channelLabel('nothing.known')).toBe('其他操作');
  });
});
