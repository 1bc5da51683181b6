import { describe, expect, it } from 'vitest';
import { canonicalJson, contentCode, contentHash, normalizeContentCode } from '../../electron/core/features/print/hash';
import { cssString, footerText, layoutDocuments } from '../../electron/core/features/print/layout';
import { html } from '../../electron/core/features/print/html';
import { printSummary } from '../../electron/core/features/print/render';

describe('canonical JSON and the content code', () => {
  it('sorts keys at every level, so the same data gives the same text and hash', () => {
    const a = { b: 1, a: { d: [1, { z: 1, y: 2 }], c: '中文' } };
    const b = { a: { c: '中文', d: [1, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"中文","d":[1,{"y":2,"z":1}]},"b":1}');
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });
  it('changes with any value, and with array order', () => {
    expect(contentHash({ n: 3 })).not.toBe(contentHash({ n: 4 }));
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
  });
  it('is the hash’s first ten hex digits, upper case, 5-5', () => {
    const h = contentHash({ 人口: 3 });
    expect(contentCode(h)).toBe(`${h.slice(0, 5).toUpperCase()}-${h.slice(5, 10).toUpperCase()}`);
    expect(contentCode('3fa2c91b0d' + '0'.repeat(54))).toBe('3FA2C-91B0D');
  });
  it('reads what a clerk types: lower case, spaces, no or full-width dash, full-width characters', () => {
    for (const typed of ['3fa2c91b0d', ' 3FA2C 91B0D ', '3FA2C－91B0D', '３ＦＡ２Ｃ-９１Ｂ０Ｄ', '3fa2c—91b0d']) expect(normalizeContentCode(typed)).toBe('3FA2C-91B0D');
    for (const typed of ['3FA2C-91B0', '3FA2C-91B0DX', 'GFA2C-91B0D', '']) expect(normalizeContentCode(typed)).toBeNull();
  });
});

describe('the page layout', () => {
  const meta = { fileTitle: '坪埠村识别公示', printedBy: '林主任', printedAt: '2026-04-25 10:30' };
  it('escapes text put into CSS strings, so a name cannot close the style block', () => {
    expect(cssString('a"b\\c</style>')).toBe('"a\\22 b\\5C c\\3C /style\\3E "');
  });
  it('gives each document its own named page whose footer carries kind, record code, printer, time and code', () => {
    const docs = [
      { kind: 'notice.identification' as const, title: '甲', recordCode: '350421101001', contentCode: 'AAAAA-11111', body: html`<p>${'一'}</p>` },
      { kind: 'form.approval' as const, title: '乙', recordCode: 'H2', contentCode: 'BBBBB-22222', body: html`<p>二</p>` },
    ];
    const out = layoutDocuments(docs, meta);
    expect(footerText(docs[0]!, meta)).toBe('识别公示　编号 350421101001　打印 林主任 2026-04-25 10:30　核验码 AAAAA-11111');
    expect(out).toContain('@page d0 { @bottom-left { content: "识别公示　编号 350421101001　打印 林主任 2026-04-25 10:30　核验码 AAAAA-11111"');
    expect(out).toContain('@page d1 { @bottom-left { content: "表3 识别审批表');
    expect(out).toContain('.doc-1 { page: d1; }');
    expect(out).toContain('counter(page)');
    expect(out).toContain('counter(pages)');
    expect(out).toContain('size: A4');
    expect(out).toContain('"SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Noto Sans CJK SC", serif');
    expect(out).toContain('"FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif');
    expect(out).toMatch(/<button type="button" id="print-now">打印 \/ 另存为 PDF<\/button>/);
    expect(out.match(/<section class="doc /g)).toHaveLength(2);
  });
  it('summarises a print for the audit log', () => {
    expect(printSummary(['form.approval', 'form.approval', 'form.approval'])).toBe('识别审批表 3 份');
    expect(printSummary(['form.approval', 'form.collection', 'form.approval'])).toBe('识别审批表 2 份、信息采集表 1 份');
  });
});
