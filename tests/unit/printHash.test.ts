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
    expect(out).toContain('"LedgerPrintSerif", "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Noto Sans CJK SC", serif');
    expect(out).toContain('"LedgerPrintSerif", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif');
    expect(out).toMatch(/<button type="button" id="print-now">打印 \/ 另存为 PDF<\/button>/);
    expect(out.match(/<section class="doc /g)).toHaveLength(2);
  });
  it('carries its own font, regular and bold, cut to the characters the file uses', () => {
    const doc = (text: string) => [{ kind: 'form.approval' as const, title: '乙', recordCode: 'H2', contentCode: 'BBBBB-22222', body: html`<p>${text}</p>` }];
    const faces = (out: string) => [...out.matchAll(/@font-face \{ font-family: "LedgerPrintSerif"; font-style: normal; font-weight: (\d+);[^}]*src: url\(data:font\/ttf;base64,([A-Za-z0-9+/=]+)\) format\("truetype"\); \}/g)];
    const short = faces(layoutDocuments(doc('一'), meta));
    expect(short.map((m) => m[1])).toEqual(['400', '700']);
    // TrueType outlines (sfnt version 1.0), not the 15 MB source: only the glyphs of this file.
    const font = Buffer.from(short[0]![2]!, 'base64');
    expect(font.readUInt32BE(0)).toBe(0x00010000);
    expect(font.length).toBeLessThan(200_000);
    // More distinct characters, a bigger font: the cut follows the text.
    const long = faces(layoutDocuments(doc('陈永芳赵晓明边缘易致贫户脱贫不稳定户因病因务工就业不稳监测对象纳入识别审批乡镇县级意见'), meta));
    expect(Buffer.from(long[0]![2]!, 'base64').length).toBeGreaterThan(font.length);
  });
  it('summarises a print for the audit log', () => {
    expect(printSummary(['form.approval', 'form.approval', 'form.approval'])).toBe('识别审批表 3 份');
    expect(printSummary(['form.approval', 'form.collection', 'form.approval'])).toBe('识别审批表 2 份、信息采集表 1 份');
  });
});
