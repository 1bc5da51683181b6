import { describe, expect, it } from 'vitest';
import { chunkItems, ResultAssembler, sendInChunks, type ResultChunk } from '../../electron/core/features/files/import/resultTransfer';
import type { AnyParsed } from '../../electron/core/features/files/import/parse';

// The parse's result crosses from the worker in chunks (issue 16): whatever the size, the import
// gets back exactly what the worker parsed, and the worker holds no record it has sent.

function nationalResult(households: number): AnyParsed {
  const part = (kind: 'households' | 'incomes', n: number) => ({
    kind,
    records: Array.from({ length: n }, (_, i) => ({ lines: [i + 2], household: { householdCode: `35042110100${String(i).padStart(5, '0')}`, members: [{ name: '张三', ethnicity: '汉族', birth: new Date(Date.UTC(1960, 0, 1 + (i % 30))) }] } })),
    invalid: Array.from({ length: Math.floor(n / 100) }, (_, i) => ({ line: i + 2, reason: `第 ${i + 2} 行有误`, cells: { 姓名: '李四' } })),
    fileName: 'a.xlsx',
    sha256: 'x',
  });
  return { kind: 'national', parts: [part('households', households), part('incomes', households)], fileName: 'a.xlsx' } as unknown as AnyParsed;
}

async function transfer(result: AnyParsed): Promise<{ back: AnyParsed; chunks: ResultChunk[]; inWorker: AnyParsed }> {
  const assembler = new ResultAssembler();
  const chunks: ResultChunk[] = [];
  const rest = await sendInChunks(
    result,
    async (chunk) => {
      // What postMessage does: a structured copy.
      const copy = structuredClone(chunk);
      chunks.push(copy);
      assembler.add(copy);
    },
    () => {},
  );
  return { back: assembler.finish(structuredClone(rest)), chunks, inWorker: result };
}

describe('the parse result from the worker', () => {
  it.each([0, 1, chunkItems, 2_500])('arrives whole and in order for %i households', async (n) => {
    const expected = structuredClone(nationalResult(n));
    const { back, chunks, inWorker } = await transfer(nationalResult(n));
    expect(back).toEqual(expected);
    expect(chunks.every((c) => c.items.length <= chunkItems)).toBe(true);
    // Two parts of n records each, and their refused rows.
    const records = 2 * Math.ceil(n / chunkItems);
    expect(chunks.filter((c) => c.key.endsWith('records'))).toHaveLength(records);
    // The worker lets go of everything it sent.
    if (inWorker.kind !== 'national') throw new Error('national expected');
    expect(inWorker.parts.every((p) => p.records.length === 0 && p.invalid.length === 0)).toBe(true);
  });

  it('a single-kind result comes back whole too', async () => {
    const national = nationalResult(1_200);
    if (national.kind !== 'national') throw new Error('national expected');
    const single = national.parts[0]! as AnyParsed;
    const expected = structuredClone(single);
    const { back } = await transfer(single);
    expect(back).toEqual(expected);
  });
});
